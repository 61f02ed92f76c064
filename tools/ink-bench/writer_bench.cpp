// Writer section: what a user waits for with the shipped model at default settings — ms per
// generated stroke (StrokeWriter) and per whole glyph (GlyphWriter), median and p90; per
// stroke with a style strength, which adds a pass; and the layout stage per character.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "bench.h"
#include "ink/base/error.h"
#include "ink/base/paths.h"
#include "ink/dataset/dataset.h"
#include "ink/model/torch_runtime.h"
#include "ink/raster/stroke_weight.h"
#include "ink/writing/writer.h"

namespace ink::bench {

namespace {

using clock = std::chrono::steady_clock;
const std::u32string kChars = U"永春满干坤山水龍書";

// ms per generated stroke over kChars, the first stroke left out (it pays oneDNN's kernel selection).
Timing stroke_timing(const std::shared_ptr<DiffusionModel>& model, const StrokeLibrary& library, const WriterSettings& settings,
                     size_t* strokes) {
  std::vector<double> ms;
  bool warm = false;
  for (char32_t c : kChars) {
    StrokeWriter writer(model, library.glyph(c), settings);
    auto last = clock::now();
    writer.write([&](const WrittenStroke&) {
      const auto now = clock::now();
      if (warm) ms.push_back(std::chrono::duration<double, std::milli>(now - last).count());
      warm = true;
      last = now;
    });
  }
  *strokes = ms.size();
  return summarize(ms);
}

}  // namespace

nlohmann::json writer_section(const StrokeLibrary& library) {
  nlohmann::json out;
  // The defaults ink-write and the viewer use, and the data's hand's weight once the model is open.
  WriterSettings settings;
  std::printf("== writer (default model, default settings, guidance %.1f) ==\n", settings.guidance);
  const std::u32string chars = kChars;
  try {
    const auto model = open_model(default_model_dir(), ConditioningMode::stroke);
    set_styled_weight(settings, *model, kDataStyle);
    size_t strokes = 0;
    // Side by side in one run: the writers as they were (three calls of the model on two threads)
    // and as they are, and each change alone.
    const int cores = configure_torch_threads();
    auto with = [&](int steps, int threads) {
      WriterSettings s = settings;
      s.steps = steps, s.model_threads = threads;
      return s;
    };
    WriterSettings unweighted = settings;  // before the data's hand wrote at an even weight
    unweighted.stroke_weight.reset();
    unweighted.even_weight = false;
    struct Variant {
      const char* key;
      const char* label;
      WriterSettings settings;
    };
    const Variant variants[] = {{"ms_per_stroke_three_steps_all_cores", "3 steps, all cores (before)", with(3, cores)},
                                {"ms_per_stroke_three_steps", "3 steps", with(3, settings.model_threads)},
                                {"ms_per_stroke_all_cores", "default, all cores", with(settings.steps, cores)},
                                {"ms_per_stroke_unweighted", "default, the model's own weight", unweighted},
                                {"ms_per_stroke", "default", settings}};
    for (const Variant& v : variants) {
      const Timing t = stroke_timing(model, library, v.settings, &strokes);
      const int calls = steps_for(*model, v.settings.steps, 0);
      out[v.key] = {{"median", t.median}, {"p90", t.p90}, {"strokes", strokes}, {"threads", v.settings.model_threads},
                    {"calls", calls}};
      std::printf("per stroke, %-28s %5.1f ms median, %.1f ms p90 (%d call%s, %d thread%s)\n", v.label, t.median, t.p90, calls,
                  calls == 1 ? "" : "s", v.settings.model_threads, v.settings.model_threads == 1 ? "" : "s");
    }
    // Style strength adds a pass: in the same batch for a trained style, a second forward for
    // a learnt hand with its own adapted UNet (the last style listed, when there is one).
    const ModelSummary& summary = summary_of(*model);
    std::vector<std::pair<std::string, std::string>> strengthened;  // (what it is, style name)
    if (summary.styles.size() > 1) strengthened.push_back({"second style", summary.styles[1]});
    if (summary.learned_styles > 0) strengthened.push_back({"learnt hand", summary.styles.back()});
    for (const auto& [label, name] : strengthened) {
      WriterSettings s = settings;
      s.style = style_id(*model, name), s.style_strength = 0.5;
      const Timing ts = stroke_timing(model, library, s, &strokes);
      out["ms_per_stroke_style_strength"][name] = {{"median", ts.median}, {"p90", ts.p90}};
      std::printf("per stroke, %-12s at strength 0.5 %6.1f ms median, %.1f ms p90 (%s)\n", label.c_str(), ts.median, ts.p90,
                  name.c_str());
    }
    // The layout stage runs once per character, before its first stroke; timed for a style the
    // structure model places when there is one (the most work), else a layout with stroke tilts,
    // else the first.
    if (!summary.layouts.empty()) {
      const auto placed = std::find_if(summary.layouts.begin(), summary.layouts.end(), [&](const auto& entry) {
        return std::find(summary.structure_styles.begin(), summary.structure_styles.end(), entry.first) != summary.structure_styles.end();
      });
      const auto tilted = std::find_if(summary.layouts.begin(), summary.layouts.end(),
                                       [](const auto& entry) { return !is_identity(entry.second.tilts); });
      const std::string& name =
          (placed != summary.layouts.end() ? placed : tilted != summary.layouts.end() ? tilted : summary.layouts.begin())->first;
      std::vector<double> ms;
      for (int round = 0; round < 3; ++round)
        for (char32_t c : kChars) ms.push_back(seconds_of([&] { styled_glyph(*model, library.glyph(c), name, 1.0); }) * 1e3);
      const Timing tl = summarize(ms);
      const bool structure = placed != summary.layouts.end();
      out["ms_per_character_layout"] = {{"median", tl.median}, {"p90", tl.p90}, {"style", name}, {"structure_model", structure}};
      std::printf("layout stage, per character       %8.2f ms median, %.2f ms p90 (%s%s)\n", tl.median, tl.p90, name.c_str(),
                  structure ? ", structure model" : "");
    }
    // The stroke weight moves each written stroke's edge: timed on the data's strokes at the
    // model's size, made 1.3 times as heavy.
    {
      Rasterizer rasterizer;
      const int size = summary.sample_size;
      const BoxToPixels to_pixels = BoxToPixels::square(static_cast<float>(size));
      std::vector<double> ms;
      for (char32_t c : kChars) {
        const Glyph& glyph = library.glyph(c);
        const std::vector<float> lengths = median_lengths_px(glyph, size);
        for (size_t k = 0; k < glyph.strokes.size(); ++k) {
          const Coverage own = rasterizer.fill(glyph.strokes[k].outline, to_pixels, size, size);
          ms.push_back(seconds_of([&] { reweighted(own, inked_area(own), lengths[k], 1.3f); }) * 1e3);
        }
      }
      const Timing tw = summarize(ms);
      out["ms_per_stroke_weight"] = {{"median", tw.median}, {"p90", tw.p90}};
      std::printf("stroke weight stage, per stroke   %8.2f ms median, %.2f ms p90\n", tw.median, tw.p90);
    }
  } catch (const InkError& e) {
    std::printf("stroke writer: skipped (%s)\n", e.what());
  }
  try {
    const auto model = open_model(default_model_dir(), ConditioningMode::whole);
    // The default (2 steps) beside the 3 it had before, in the same run.
    for (const int steps : {3, 0}) {
      WriterSettings whole = settings;
      whole.steps = steps;
      std::vector<double> ms;
      for (size_t i = 0; i <= chars.size(); ++i) {
        GlyphWriter writer(model, library.glyph(chars[i % chars.size()]), whole);
        const double took = seconds_of([&] { writer.write(); }) * 1e3;
        if (i > 0) ms.push_back(took);
      }
      const Timing t = summarize(ms);
      const int calls = steps_for(*model, steps, 0);
      out[steps ? "ms_per_whole_glyph_3_steps" : "ms_per_whole_glyph"] = {{"median", t.median}, {"p90", t.p90}, {"calls", calls}};
      const std::string label = "per whole glyph, " + std::to_string(calls) + (steps ? " steps (before)" : " steps (default)");
      std::printf("%-34s%8.1f ms median, %.1f ms p90\n", label.c_str(), t.median, t.p90);
    }
  } catch (const InkError& e) {
    std::printf("glyph writer: skipped (%s)\n", e.what());
  }
  return out;
}

}  // namespace ink::bench
