// One frame, and the interactive loop around it.
#include "frame_loop.h"

#include <SDL.h>

#include <chrono>

#include "ui_font.h"
#include "viewer.h"
#include "window.h"

namespace ink::app {

bool Frame::run(double wall_seconds, bool present) {
  const bool open = window.poll_events();
  font.cover(viewer.options.text);  // CJK the user typed gets glyphs before the frame uses them
  window.begin_frame();
  viewer.frame(wall_seconds);
  window.render_ui([&](int height) { viewer.copy_canvas(height); });
  if (present) window.present();
  return open;
}

int run_interactive(Frame& frame) {
  auto last = std::chrono::steady_clock::now();
  while (true) {
    const auto now = std::chrono::steady_clock::now();
    const double dt = std::chrono::duration<double>(now - last).count();
    last = now;
    if (!frame.run(dt)) break;
    // Without vsync (some drivers ignore it) the loop would spin: cap it near 120 frames/s.
    const double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - now).count();
    if (spent < 1.0 / 120) SDL_Delay(static_cast<Uint32>((1.0 / 120 - spent) * 1000));
  }
  frame.viewer.exporter.wait();  // an export in flight finishes (or is cancelled) cleanly
  return 0;
}

}  // namespace ink::app
