// --bench-frames N: frame times while the model writes (the job is restarted whenever it
// finishes, so every frame has generation running beside it). Prints median, p99 and the
// frames over a 60 fps budget. Figures for docs/model.md (Speed), never test asserts.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "frame_loop.h"
#include "gl.h"
#include "viewer.h"
#include "window.h"

namespace ink::app {
namespace {

void report(const char* what, std::vector<double> ms) {
  if (ms.empty()) return std::printf("%-18s no frames\n", what), void();
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * (ms.size() - 1) + 0.5))]; };
  const auto over = std::count_if(ms.begin(), ms.end(), [](double v) { return v > 1000.0 / 60; });
  std::printf("%-18s %5zu frames  median %6.2f ms  p90 %6.2f  p99 %6.2f  max %6.2f  over 16.7 ms: %ld (%.1f%%)\n", what,
              ms.size(), at(0.5), at(0.9), at(0.99), ms.back(), static_cast<long>(over), 100.0 * over / ms.size());
}

}  // namespace

int run_frame_bench(Frame& frame, const ViewerOptions& options) {
  Viewer& viewer = frame.viewer;
  int width, height;
  frame.window.size(width, height);
  std::printf("hanzi-ink frame bench: %dx%d, text %s, %s mode\n", width, height, options.text.c_str(), to_string(options.mode).c_str());
  // Side by side in one run: the canvas drawn whole every frame and shown by ImGui as an image
  // (the first viewer), then drawn only where it changed, then also copied into the window rather
  // than drawn as a textured quad (the default).
  struct Variant {
    bool incremental, copied;
    const char* name;
  };
  for (const Variant& v : {Variant{false, false, "canvas drawn whole, shown as an image (first)"},
                           Variant{true, false, "canvas drawn where it changed, shown as an image (before)"},
                           Variant{true, true, "canvas drawn where it changed, copied into the window (now)"}}) {
    if (viewer.renderer) viewer.renderer->incremental = v.incremental;
    viewer.canvas_copied = v.copied;
    std::vector<double> generating, idle;
    double last = 1.0 / 60, drawn = 0;
    int restarts = 0;
    for (int i = 0; i < options.bench_frames; ++i) {
      if (!viewer.job.progress().busy && !viewer.characters.empty()) {
        viewer.redo(0, 0);
        ++restarts;
      }
      const bool busy = viewer.job.progress().busy;
      const auto start = std::chrono::steady_clock::now();
      if (!frame.run(last)) return 0;
      glFinish();
      last = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      (busy ? generating : idle).push_back(last * 1000);
      if (viewer.renderer) drawn += viewer.renderer->last_drawn_pixels();
    }
    std::printf("%s: %d rewrites, %.0f%% of the canvas drawn a frame on average\n", v.name, restarts,
                100.0 * drawn / options.bench_frames / std::max(1.0, static_cast<double>(viewer.canvas_width) * viewer.canvas_height));
    report("  while generating", generating);
    report("  model idle", idle);
  }
  return 0;
}

}  // namespace ink::app
