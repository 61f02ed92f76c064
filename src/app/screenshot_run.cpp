// --screenshot FILE --at SECONDS: waits (frame by frame) until the model has written every
// stroke up to that moment, draws the window at it and saves it as PNG. Exit 1 when the
// shaders or the writing reported an error, after saving what the window showed.
#include <SDL.h>

#include <chrono>
#include <cstdio>

#include "frame_loop.h"
#include "ink/base/error.h"
#include "ink/base/utf8.h"
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
  // Where each character was drawn, in window pixels, and the size its texture was drawn at:
  // lets scripts and tests find the ink.
  for (size_t i = 0; i < viewer.cells.size() && i < viewer.characters.size(); ++i)
    std::printf("cell %zu %s %.1f %.1f %.1f %d\n", i, encode_utf8(viewer.characters[i].codepoint).c_str(),
                viewer.canvas_left + viewer.cells[i].left, viewer.canvas_top + viewer.cells[i].top, viewer.cells[i].size,
                viewer.cells[i].texture_size);
  if (options.export_file) {
    // Through the window's own export, after the writing is done (it waits for it).
    while (!viewer.writing_done()) frame.run(0.0), SDL_Delay(5);
    const std::string file = options.export_file->string(), ext = options.export_file->extension().string();
    if (ext == ".gif") viewer.export_gif(file);
    if (ext == ".png") viewer.export_png(file);
    if (ext == ".json") viewer.export_json(file);
    while (viewer.exporter.running()) frame.run(0.0), SDL_Delay(5);
    frame.run(0.0);  // takes the export's result line
    for (const Message& m : viewer.messages)
      if (!m.error && m.text.rfind("wrote ", 0) == 0) std::printf("%s\n", m.text.c_str());
  }
  int errors = 0;
  for (const Message& m : viewer.messages)
    if (m.error) std::fprintf(stderr, "hanzi-ink: error: %s\n", m.text.c_str()), ++errors;
  std::printf("wrote %s at %.2f s of %.2f s\n", options.screenshot->c_str(), viewer.clock.time(), viewer.page.duration());
  return errors ? 1 : 0;
}

}  // namespace ink::app
