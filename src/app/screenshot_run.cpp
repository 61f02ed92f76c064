// --screenshot FILE --at SECONDS: waits (frame by frame) until the model has written every
// stroke up to that moment, draws the window at it and saves it as PNG. Exit 1 when the
// shaders or the writing reported an error, after saving what the window showed.
#include <SDL.h>

#include <chrono>
#include <cstdio>

#include "frame_loop.h"
#include "ink/error.h"
#include "viewer.h"
#include "window.h"

namespace ink::app {

int run_screenshot(Frame& frame, const ViewerOptions& options) {
  Viewer& viewer = frame.viewer;
  viewer.clock.pause();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  int settled = 0;
  while (true) {
    const double target = options.at < 0 ? viewer.page.duration() + 10.0 : options.at;
    viewer.clock.seek(target);  // clamped to what is written so far
    const bool ready = viewer.writing_done() || (!viewer.page.glyphs.empty() && viewer.clock.time() >= target - 1e-9);
    settled = ready ? settled + 1 : 0;
    // Two frames once ready: the first uploads the last textures, the second shows them.
    if (!frame.run(0.0, settled < 2)) return 1;
    if (settled >= 2) break;
    if (std::chrono::steady_clock::now() > deadline) throw InkError("screenshot: the writing did not finish within 10 minutes");
    if (!ready) SDL_Delay(5);
  }
  write_png(frame.window.read_frame(), *options.screenshot);
  int errors = 0;
  for (const Message& m : viewer.messages)
    if (m.error) std::fprintf(stderr, "hanzi-ink: error: %s\n", m.text.c_str()), ++errors;
  std::printf("wrote %s at %.2f s of %.2f s\n", options.screenshot->c_str(), viewer.clock.time(), viewer.page.duration());
  return errors ? 1 : 0;
}

}  // namespace ink::app
