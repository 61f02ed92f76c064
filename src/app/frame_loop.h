// The ways hanzi-ink runs its frames: for a person, or scripted (a screenshot at a moment of
// the animation, a frame-time benchmark, random UI events). Each returns the exit code.
#pragma once

namespace ink::app {

class Window;
class UiFont;
class Viewer;
struct ViewerOptions;

struct Frame {
  Window& window;
  UiFont& font;
  Viewer& viewer;
  // Events, then one frame of `wall_seconds`; false once the window was closed. With
  // `present` false the frame is drawn but not swapped (read it back first).
  bool run(double wall_seconds, bool present = true);
};

int run_interactive(Frame& frame);
int run_screenshot(Frame& frame, const ViewerOptions& options);
int run_frame_bench(Frame& frame, const ViewerOptions& options);
int run_random_events(Frame& frame, const ViewerOptions& options);

}  // namespace ink::app
