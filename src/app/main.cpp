// hanzi-ink [TEXT] [--model DIR] [--mode stroke|whole] [--style NAME] [--seed N] ...
// The viewer: a window that writes characters stroke by stroke with the diffusion model.
#include <cstdio>
#include <string>
#include <thread>

#include "cli/cli.h"
#include "frame_loop.h"
#include "ink/base/error.h"
#include "ink/base/memory_reuse.h"
#include "ink/model/torch_runtime.h"
#include "ui_font.h"
#include "viewer.h"
#include "window.h"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") return std::printf("%s", ink::app::viewer_usage().c_str()), 0;
  ink::prefer_passive_openmp(argv);
  ink::keep_freed_memory();
  return ink::cli::run_tool("hanzi-ink", [&] {
    using namespace ink::app;
    const ViewerOptions options = parse_viewer_options(argc, argv);
    auto library = std::make_shared<const ink::StrokeLibrary>(ink::StrokeLibrary::open(options.data));
    // One core stays with the frame loop (and llvmpipe) so the brush never stutters.
    ink::configure_torch_threads(std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1));
    const bool scripted = options.screenshot || options.bench_frames || options.random_events;
    Window window("hanzi-ink", options.width, options.height, !scripted);
    UiFont font(18.0f);
    Viewer viewer(options, library);
    Frame frame{window, font, viewer};
    if (options.screenshot) return run_screenshot(frame, options);
    if (!viewer.renderer) throw ink::InkError(viewer.renderer_error);
    if (options.bench_frames) return run_frame_bench(frame, options);
    if (options.random_events) return run_random_events(frame, options);
    return run_interactive(frame);
  });
}
