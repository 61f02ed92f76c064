// Data section: loading the pack, rasterising strokes, building dataset shards.
#include <cstdio>
#include <filesystem>
#include <random>
#include <unistd.h>

#include "bench.h"
#include "ink/data/stroke_library.h"
#include "ink/dataset/dataset.h"
#include "ink/dataset/stroke_step.h"
#include "ink/raster/raster.h"

namespace ink::bench {

nlohmann::json data_section(const std::string& pack_path) {
  nlohmann::json out;
  std::printf("== data ==\n");

  std::vector<double> loads;
  StrokeLibrary library;
  for (int i = 0; i < 5; ++i) loads.push_back(seconds_of([&] { library = StrokeLibrary::open(pack_path); }));
  const Timing load = summarize(loads);
  size_t strokes = 0;
  for (const Glyph& g : library.glyphs()) strokes += g.strokes.size();
  out["load_all_glyphs_ms"] = load.median * 1e3;
  out["glyphs"] = library.size();
  out["pack_bytes"] = std::filesystem::file_size(pack_path);
  std::printf("load %zu glyphs (%zu strokes)      %8.1f ms median of 5 (%.1f MB pack)\n", library.size(), strokes,
              load.median * 1e3, std::filesystem::file_size(pack_path) / 1e6);

  // A fixed random sample of characters, so the figures compare across runs.
  std::mt19937 rng(1234);
  std::vector<const Glyph*> sample;
  for (int i = 0; i < 500; ++i) sample.push_back(&library.glyphs()[rng() % library.size()]);
  size_t sample_strokes = 0;
  for (const Glyph* g : sample) sample_strokes += g->strokes.size();

  Rasterizer rasterizer;
  const int size = 64;
  const BoxToPixels to_pixels = BoxToPixels::square(size);
  Coverage scratch(size, size);
  const double fill_seconds = seconds_of([&] {
    for (const Glyph* g : sample)
      for (const Stroke& s : g->strokes) rasterizer.fill(s.outline, to_pixels, scratch);
  });
  const double skeleton_seconds = seconds_of([&] {
    for (const Glyph* g : sample)
      for (const Stroke& s : g->strokes)
        rasterizer.skeleton(s.median, to_pixels, skeleton_width_px(size), kSkeletonRampStart, 1.0f, scratch);
  });
  out["fill_strokes_per_s_64px"] = sample_strokes / fill_seconds;
  out["skeleton_strokes_per_s_64px"] = sample_strokes / skeleton_seconds;
  std::printf("rasterise outlines at 64 px        %8.0f strokes/s (1 thread)\n", sample_strokes / fill_seconds);
  std::printf("rasterise ramped skeletons at 64 px%8.0f strokes/s (1 thread)\n", sample_strokes / skeleton_seconds);

  DatasetOptions options;
  options.out_dir = std::filesystem::temp_directory_path() / ("ink-bench-data-" + std::to_string(::getpid()));
  for (int i = 0; i < 300; ++i) options.chars.push_back(library.glyphs()[i * (library.size() / 300)].codepoint);
  options.selection = "bench";
  DatasetReport report;
  const double build_seconds = seconds_of([&] { report = build_dataset(library, options); });
  std::filesystem::remove_all(options.out_dir);
  const double samples = static_cast<double>(report.stroke_steps + report.whole_glyphs);
  out["dataset_build_samples_per_s"] = samples / build_seconds;
  out["dataset_build_chars_per_s"] = report.characters / build_seconds;
  std::printf("dataset build (64 px, %d threads)   %8.0f samples/s (%zu chars, %.0f samples in %.2f s)\n", options.threads,
              samples / build_seconds, report.characters, samples, build_seconds);
  return out;
}

}  // namespace ink::bench
