// ink-eval [--model DIR] [--set heldout|seen] [--chars N] [--mode stroke|whole|both] [--json FILE]
// [--steps N] [--refine-from T] [--guidance G] [--seed N] — how well the model
// writes characters: per-stroke IoU, stroke-order accuracy and whole-glyph IoU (docs/model.md,
// Quality measures), for stroke mode and, when the model has one, whole mode.
// ink-eval --styles A,B,... --fonts NAME=FAMILY,... [--chars N] [--exclude CHARS] [--json FILE] [--sheet PNG] [--sheet-chars CHARS]:
// the style matrix (whole-glyph IoU of each style's writing against each font's glyphs).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/writer_options.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/memory_reuse.h"
#include "ink/base/paths.h"
#include "ink/base/progress.h"
#include "ink/base/utf8.h"
#include "ink/data/char_sets.h"
#include "ink/dataset/dataset.h"
#include "ink/evaluation/display_detail.h"
#include "ink/evaluation/evaluation.h"
#include "ink/model/torch_runtime.h"
#include "ink/writing/detail_stage.h"
#include "ink/writing/writer.h"
#include "eval_set.h"
#include "style_matrix.h"

namespace {

using namespace ink;

constexpr const char* kUsage = R"(usage: ink-eval [--set heldout|seen] [--chars N] [--mode stroke|whole|both] [--json FILE] [OPTIONS]
       ink-eval --styles A,B,... --fonts NAME=FAMILY,... [--set heldout|seen] [--chars N] [--in-place] [--sheet PNG] [OPTIONS]
How well the model writes characters it never trained on (--set heldout, the default) or ones it
did (seen): per-stroke IoU, stroke-order accuracy and whole-glyph IoU and L1, over N characters
spread evenly over the set (default 300); in stroke mode also each stroke's IoU at 256 px and the
edge band at 512 px as they are displayed (through the model's detail stage when it has one,
and without it beside).
With --styles, the style matrix: whole-glyph IoU of each style's writing against each font's
glyphs, on held-out characters every font draws (default 100; --set seen: seen ones, to choose
a style's settings on), each column's margin with its paired standard error. --in-place
compares with the glyphs where the fonts draw them, not laid onto the data's strokes;
--exclude CHARS leaves characters out; --sheet draws each style's writing over its font's
glyphs (every style over the one font when there is one), of the first 12 characters
measured or of --sheet-chars CHARS (any characters, not scored).
  --model DIR   default assets/models/default
  --data PATH   stroke data (.inkpack or a folder of JSON; default strokes/hanzi.inkpack)
)";

// `count` characters spread evenly over the set (the same ones every run).
std::vector<char32_t> spread(const std::vector<char32_t>& chars, size_t count) {
  if (count >= chars.size()) return chars;
  std::vector<char32_t> out;
  for (size_t i = 0; i < count; ++i) out.push_back(chars[i * chars.size() / count]);
  return out;
}

std::string fixed(double value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

// Display sizes of the detail measures (docs/model.md, Quality measures).
constexpr int kIouDisplaySize = 256, kEdgeDisplaySize = 512;

struct Totals {
  double stroke_iou = 0, glyph_iou = 0, glyph_l1 = 0;
  // At display size: as drawn (through the detail stage when the model has one) and, beside
  // it, the 64 px strokes' crisp display alone.
  double display_stroke_iou = 0, crisp_stroke_iou = 0;
  EdgeBand written_edge, crisp_edge, reference_edge;
  bool detail = false;
  size_t strokes = 0, order_correct = 0, glyphs = 0;
  double seconds = 0;
  // Each character's scores in order, so that two runs on the same characters compare pairwise
  // (the difference's standard error, not each run's): glyph IoU, and in stroke mode the mean
  // of its strokes' IoU.
  std::vector<double> character_glyph_iou, character_stroke_iou;
  nlohmann::json summary(const char* mode) const {
    nlohmann::json out = {{"mode", mode}, {"characters", glyphs}, {"glyph_iou", glyph_iou / std::max<size_t>(1, glyphs)},
                          {"glyph_l1", glyph_l1 / std::max<size_t>(1, glyphs)}, {"seconds", seconds},
                          {"per_character_glyph_iou", character_glyph_iou}};
    if (!character_stroke_iou.empty()) out["per_character_stroke_iou"] = character_stroke_iou;
    if (strokes) {
      out["strokes"] = strokes;
      out["stroke_iou"] = stroke_iou / strokes;
      out["stroke_order_accuracy"] = static_cast<double>(order_correct) / strokes;
      out["stroke_iou_" + std::to_string(kIouDisplaySize)] = display_stroke_iou / strokes;
      out["edge_band_" + std::to_string(kEdgeDisplaySize)] = written_edge.width();
      out["reference_edge_band_" + std::to_string(kEdgeDisplaySize)] = reference_edge.width();
      out["detail_stage"] = detail;
      if (detail) {
        out["stroke_iou_" + std::to_string(kIouDisplaySize) + "_crisp"] = crisp_stroke_iou / strokes;
        out["edge_band_" + std::to_string(kEdgeDisplaySize) + "_crisp"] = crisp_edge.width();
      }
    }
    return out;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (cli::asked_for_help(argc, argv, std::string(kUsage) + cli::kWriterUsage)) return 0;
  ink::prefer_passive_openmp(argv);
  ink::keep_freed_memory();
  return cli::run_tool("ink-eval", [&] {
    cli::Args args(argc, argv, 1);
    if (const auto styles = args.value("styles")) return eval_tool::style_matrix(args, *styles);
    const std::filesystem::path model_dir = args.value_or("model", default_model_dir().string());
    const std::string set = eval_tool::eval_set(args);
    const int count = args.int_value("chars", 300, 1, 100000);
    const auto json_file = args.value("json");
    const std::string only = args.value_or("mode", "both");
    if (only != "both" && only != "stroke" && only != "whole") throw InkError("--mode must be stroke, whole or both, got '" + only + "'");
    WriterSettings settings = cli::writer_settings(args);
    const StrokeLibrary library = cli::open_library(args);
    args.finish();
    configure_torch_threads();
    if (json_file) AtomicFile check(*json_file);  // an unwritable --json fails now, not after the run

    const std::vector<char32_t> chars = spread(select_chars(library, set, heldout_list_path()), count);
    nlohmann::json report = {{"set", set}, {"model", model_dir.string()}, {"steps", settings.steps}, {"refine_from", settings.refine_from},
                             {"guidance", settings.guidance}, {"seed", settings.seed}, {"results", nlohmann::json::array()},
                             {"characters", encode_utf8(std::u32string(chars.begin(), chars.end()))}};
    std::printf("%-7s %-8s %6s %9s %9s %9s %8s %9s %9s %10s\n", "mode", "set", "chars", "strokeIoU", "order", "glyphIoU", "glyphL1",
                "s/char", "IoU@256", "edge@512");
    for (const ConditioningMode mode : {ConditioningMode::stroke, ConditioningMode::whole}) {
      if (only != "both" && only != to_string(mode)) continue;
      std::shared_ptr<DiffusionModel> model;
      try {
        model = open_model(model_dir, mode);
      } catch (const InkError& e) {
        if (mode == ConditioningMode::stroke || only == "whole") throw;
        std::printf("(no whole-mode model: %s)\n", e.what());
        continue;
      }
      // The data's hand as the writers write it: at its stroke weight when its layout gives one.
      set_styled_weight(settings, *model, kDataStyle);
      Totals totals;
      Rasterizer rasterizer;
      const std::shared_ptr<DetailStage> detail = DetailStage::of_model(model_dir);
      totals.detail = detail != nullptr;
      ProgressBar bar("eval " + to_string(mode), chars.size());
      const auto start = std::chrono::steady_clock::now();
      for (char32_t c : chars) {
        const Glyph& glyph = library.glyph(c);
        if (mode == ConditioningMode::stroke) {
          StrokeWriter writer(model, glyph, settings);
          writer.write();
          const StrokeScores scores = score_strokes(writer.strokes(), writer.reference());
          double character_iou = 0;
          for (float iou : scores.stroke_iou) character_iou += iou;
          totals.stroke_iou += character_iou;
          totals.character_stroke_iou.push_back(character_iou / std::max<size_t>(1, scores.stroke_iou.size()));
          totals.strokes += scores.stroke_iou.size();
          totals.order_correct += scores.order_correct;
          totals.glyph_iou += scores.glyph.iou;
          totals.character_glyph_iou.push_back(scores.glyph.iou);
          totals.glyph_l1 += scores.glyph.l1;
          const DisplayScores crisp = score_display(writer.strokes(), glyph, kIouDisplaySize, kEdgeDisplaySize, rasterizer);
          std::vector<Polyline> medians;
          for (const Stroke& st : glyph.strokes) medians.push_back(st.median);
          const DisplayScores drawn =
              detail ? score_display(detail->draw(writer.strokes(), medians), glyph, kIouDisplaySize, kEdgeDisplaySize, rasterizer) : crisp;
          for (float iou : drawn.stroke_iou) totals.display_stroke_iou += iou;
          for (float iou : crisp.stroke_iou) totals.crisp_stroke_iou += iou;
          totals.written_edge.add(drawn.written);
          totals.crisp_edge.add(crisp.written);
          totals.reference_edge.add(drawn.reference);
        } else {
          GlyphWriter writer(model, glyph, settings);
          const GlyphScore score = score_glyph(writer.write(), writer.reference().glyph);
          totals.glyph_iou += score.iou;
          totals.character_glyph_iou.push_back(score.iou);
          totals.glyph_l1 += score.l1;
        }
        ++totals.glyphs;
        bar.update(totals.glyphs);
      }
      totals.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      bar.finish();
      nlohmann::json s = totals.summary(to_string(mode).c_str());
      // What "steps" (0: the model's choice) came to for the data's hand, and through which network.
      s["model_calls"] = steps_for(*model, settings.steps, 0);
      s["one_step_student"] = !summary_of(*model).one_step_file.empty() && settings.steps <= 1;
      report["results"].push_back(s);
      const bool strokes = s.contains("stroke_iou");
      const std::string edge = strokes ? fixed(totals.written_edge.width(), 2) + "/" + fixed(totals.reference_edge.width(), 2) : "-";
      std::printf("%-7s %-8s %6zu %9s %9s %9.3f %8.3f %9.2f %9s %10s\n", to_string(mode).c_str(), set.c_str(), totals.glyphs,
                  s.contains("stroke_iou") ? std::to_string(s["stroke_iou"].get<double>()).substr(0, 5).c_str() : "-",
                  s.contains("stroke_order_accuracy")
                      ? (std::to_string(100 * s["stroke_order_accuracy"].get<double>()).substr(0, 5) + "%").c_str()
                      : "-",
                  s["glyph_iou"].get<double>(), s["glyph_l1"].get<double>(), totals.seconds / std::max<size_t>(1, totals.glyphs),
                  strokes ? fixed(totals.display_stroke_iou / totals.strokes, 3).c_str() : "-", edge.c_str());
    }
    if (json_file) write_file_atomic(*json_file, report.dump(2) + "\n");
    return 0;
  });
}
