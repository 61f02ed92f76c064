// Writer section: what a user waits for with the shipped model at default settings — ms per
// generated stroke (StrokeWriter) and per whole glyph (GlyphWriter), median and p90.
#include <chrono>
#include <cstdio>

#include "bench.h"
#include "ink/error.h"
#include "ink/paths.h"
#include "ink/writer.h"

namespace ink::bench {

nlohmann::json writer_section(const StrokeLibrary& library) {
  nlohmann::json out;
  const WriterSettings settings;  // the defaults ink-write and the viewer use
  std::printf("== writer (default model, %d steps, guidance %.1f) ==\n", settings.steps, settings.guidance);
  const std::u32string chars = U"永春满干坤山水龍書";
  using clock = std::chrono::steady_clock;
  try {
    const auto model = open_model(default_model_dir(), ConditioningMode::stroke);
    std::vector<double> ms;
    bool warm = false;
    for (char32_t c : chars) {
      StrokeWriter writer(model, library.glyph(c), settings);
      auto last = clock::now();
      writer.write([&](const WrittenStroke&) {
        const auto now = clock::now();
        if (warm) ms.push_back(std::chrono::duration<double, std::milli>(now - last).count());
        warm = true;  // the very first stroke pays oneDNN's kernel selection
        last = now;
      });
    }
    const Timing t = summarize(ms);
    out["ms_per_stroke"] = {{"median", t.median}, {"p90", t.p90}, {"strokes", ms.size()}};
    std::printf("per generated stroke              %8.1f ms median, %.1f ms p90 (%zu strokes)\n", t.median, t.p90, ms.size());
  } catch (const InkError& e) {
    std::printf("stroke writer: skipped (%s)\n", e.what());
  }
  try {
    const auto model = open_model(default_model_dir(), ConditioningMode::whole);
    std::vector<double> ms;
    for (size_t i = 0; i <= chars.size(); ++i) {
      GlyphWriter writer(model, library.glyph(chars[i % chars.size()]), settings);
      const double took = seconds_of([&] { writer.write(); }) * 1e3;
      if (i > 0) ms.push_back(took);
    }
    const Timing t = summarize(ms);
    out["ms_per_whole_glyph"] = {{"median", t.median}, {"p90", t.p90}};
    std::printf("per whole glyph                   %8.1f ms median, %.1f ms p90\n", t.median, t.p90);
  } catch (const InkError& e) {
    std::printf("glyph writer: skipped (%s)\n", e.what());
  }
  return out;
}

}  // namespace ink::bench
