// ink-train --structure --fonts NAME=FAMILY,... [--kept-back NAME=FAMILY,...] [--save]: trains
// the structure model on the fonts' splits of seen characters (one style a font), learns a row
// for each kept-back font from a few of its seen characters with the model frozen, and measures
// every font in place on held-out characters: the data's strokes moved by the font's typical
// layout, by the model (with and without its stroke forms), and by the character's own fit and
// stroke moves (what a perfect predictor would give). One seen character in eight is kept out of training to check each
// font's row on: --save keeps, beside the stroke model, the rows of the model's styles that
// placed those characters better than their typical layout.
#include "train_structure.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "ink/alignment/font_split.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/paths.h"
#include "ink/base/progress.h"
#include "ink/data/char_sets.h"
#include "ink/evaluation/evaluation.h"
#include "ink/model/diffusion_model.h"
#include "ink/model/structure_model.h"
#include "ink/model/torch_runtime.h"

namespace ink::train_tool {
namespace {

const char* const kColumns[] = {"typical", "model", "model, no forms", "model, whole only", "own fit + strokes"};
constexpr size_t kColumnCount = 5;

constexpr size_t kCheckEvery = 8;  // one seen character in this many checks a row

struct FontHand {
  NamedFont name;
  FontFace font;
  HandSamples learnt;  // the characters the style (or row) is learnt from
  HandSamples check;   // seen characters it is not trained on
  size_t style = 0;
  double check_gain = 0;  // IoU in place on the check characters: the model's over the typical layout's
};

// The mean IoU gain, in place at `size` px, of the model's placement over the typical layout.
double check_gain(const FontHand& hand, const StructureModel& model, const StrokeLibrary& library, int size) {
  Rasterizer rasterizer;
  double gain = 0;
  for (const StructureSample& s : hand.check.samples) {
    const Glyph& glyph = library.glyph(s.codepoint);
    const Coverage target =
        rasterizer.fill(hand.font.glyph_outline(s.codepoint), BoxToPixels::square(static_cast<float>(size)), size, size);
    const StructurePlacement placed = model.place(structure_of(glyph), hand.style, hand.learnt.typical);
    gain += coverage_iou(rasterizer.fill_glyph(apply_layout(glyph, placed.layout, placed.moves), size), target) -
            coverage_iou(rasterizer.fill_glyph(apply_layout(glyph, hand.learnt.typical), size), target);
  }
  return hand.check.samples.empty() ? 0.0 : gain / static_cast<double>(hand.check.samples.size());
}

HandSamples split_samples(const FontFace& font, const StrokeLibrary& library, const std::vector<char32_t>& chars, ProgressBar& bar,
                          size_t& done) {
  Rasterizer rasterizer;
  HandSamples hand;
  std::vector<Layout> fits;
  for (char32_t c : chars) {
    const Glyph& glyph = library.glyph(c);
    if (const auto found = split_font_glyph(font, glyph, rasterizer)) {
      hand.samples.push_back(structure_of(glyph, found->split, kFontSplitSize));
      fits.push_back(hand.samples.back().fit);
    }
    bar.update(++done);
  }
  if (fits.empty()) throw InkError(font.family() + ": none of the characters to learn from split");
  hand.typical = typical_layout(fits);
  return hand;
}

// Mean distance (box units) between where the typical layout and where the hand put the median
// points: the model's error before it learnt anything.
double typical_error(const HandSamples& hand) {
  double sum = 0;
  size_t count = 0;
  for (const StructureSample& s : hand.samples)
    for (size_t k = 0; k < s.medians.size(); ++k)
      for (size_t j = 0; j < kStructurePoints; ++j) {
        const Point by_typical = place_point(s.medians[k][j], s.centre, hand.typical), truth = placed_point(s, k, j);
        sum += std::hypot(by_typical.x - truth.x, by_typical.y - truth.y);
        ++count;
      }
  return count ? sum / static_cast<double>(count) : 0.0;
}

struct Measured {
  std::vector<std::vector<double>> iou{kColumnCount};  // per column, per character
  double error_typical = 0, error_model = 0;           // box units, on the held-out splits
};

Measured measure(const FontHand& hand, const StructureModel& model, const StrokeLibrary& library, const std::vector<char32_t>& chars,
                 size_t count, int size, ProgressBar& bar, size_t& done) {
  Rasterizer rasterizer;
  Measured m;
  HandSamples held_out{{}, hand.learnt.typical};
  for (char32_t c : chars) {
    if (m.iou[0].size() == count) break;
    const Glyph& glyph = library.glyph(c);
    const auto found = split_font_glyph(hand.font, glyph, rasterizer);
    bar.update(++done);
    if (!found) continue;
    const Coverage target =
        rasterizer.fill(hand.font.glyph_outline(c), BoxToPixels::square(static_cast<float>(size)), size, size);
    const auto iou = [&](const Glyph& placed) { return coverage_iou(rasterizer.fill_glyph(placed, size), target); };
    const StructurePlacement placed = model.place(structure_of(glyph), hand.style, hand.learnt.typical);
    const StructureSample truth = structure_of(glyph, found->split, kFontSplitSize);
    m.iou[0].push_back(iou(apply_layout(glyph, hand.learnt.typical)));
    std::vector<StrokeMove> shifts_only = placed.moves;
    for (StrokeMove& move : shifts_only) move.form = {};
    m.iou[1].push_back(iou(apply_layout(glyph, placed.layout, placed.moves)));
    m.iou[2].push_back(iou(apply_layout(glyph, placed.layout, shifts_only)));
    m.iou[3].push_back(iou(apply_layout(glyph, placed.layout)));
    m.iou[4].push_back(iou(apply_layout(glyph, truth.fit, truth.moves)));
    held_out.samples.push_back(truth);
  }
  if (m.iou[0].empty()) throw InkError(hand.font.family() + ": none of the held-out characters split in the data's form");
  m.error_model = model.error(held_out, hand.style);
  m.error_typical = typical_error(held_out);
  return m;
}

// Each font's row of the table, as printed and as the JSON report keeps it (the first `learnt`
// hands trained the model; the rest are kept back).
nlohmann::json print_table(const std::vector<FontHand>& hands, const std::vector<Measured>& results, size_t learnt, int size) {
  std::printf("IoU of the data's strokes to each font's glyphs where the font draws them (%d px, held-out)\n", size);
  std::printf("%-10s %6s %5s %8s", "font", "learnt", "chars", "check");
  for (const char* column : kColumns) std::printf(" %18s", column);
  std::printf("  error (box units): typical -> model\n");
  nlohmann::json report = {{"size", size}, {"columns", kColumns}, {"fonts", nlohmann::json::array()}};
  for (size_t h = 0; h < hands.size(); ++h) {
    const Measured& m = results[h];
    const size_t n = m.iou[0].size();
    const std::vector<PairedDifference> gains = paired_gains(m.iou);
    std::printf("%-10s %6zu %5zu %+8.4f", hands[h].name.name.substr(0, 10).c_str(), hands[h].learnt.samples.size(), n,
                hands[h].check_gain);
    nlohmann::json means = nlohmann::json::array(), errors = nlohmann::json::array();
    double first = 0;
    for (double v : m.iou[0]) first += v / static_cast<double>(n);
    for (size_t col = 0; col < kColumnCount; ++col) {
      const PairedDifference& gain = gains[col];
      if (col) std::printf(" %9.3f +-%.4f", first + gain.mean, gain.standard_error);
      else std::printf(" %18.3f", first);
      means.push_back(first + gain.mean);
      errors.push_back(gain.standard_error);
    }
    std::printf("  %.1f -> %.1f\n", m.error_typical, m.error_model);
    report["fonts"].push_back({{"name", hands[h].name.name},
                               {"family", hands[h].name.family},
                               {"kept_back", h >= learnt},
                               {"learnt_from", hands[h].learnt.samples.size()},
                               {"check_gain", hands[h].check_gain},
                               {"characters", n},
                               {"iou", means},
                               {"gain_standard_error", errors},
                               {"per_character", m.iou},
                               {"error", {{"typical", m.error_typical}, {"model", m.error_model}}}});
  }
  std::printf("(+- : the paired standard error of the gain over \"typical\"; check: the gain on seen characters not trained on)\n");
  return report;
}

}  // namespace

int train_structure(cli::Args& args) {
  const auto font_list = args.value("fonts");
  if (!font_list) throw InkError("--structure needs --fonts NAME=FAMILY,... (the hands to learn from)");
  const std::string kept_list = args.value_or("kept-back", "");
  const std::string train_spec = args.value_or("train-chars", "seen:2000");
  const std::string fit_spec = args.value_or("fit-chars", "seen:80");
  const int count = args.int_value("chars", 200, 1, 100000);
  const int size = args.int_value("size", 64, 16, 512);
  StructureTraining training;
  training.steps = args.int_value("steps", 10000, 1, 1000000);
  training.seed = static_cast<uint64_t>(args.int_value("seed", 0, 0, 1 << 30));
  const int threads = args.int_value("threads", 0, 0, 256);
  const auto json_file = args.value("json");
  const bool save = args.flag("save");
  const std::filesystem::path model_dir = args.value_or("model", default_model_dir().string());
  const StrokeLibrary library = cli::open_library(args);
  args.finish();
  if (json_file) AtomicFile check(*json_file);
  const std::shared_ptr<DiffusionModel> stroke_model = save ? open_model(model_dir, ConditioningMode::stroke) : nullptr;
  configure_torch_threads(threads);

  std::vector<FontHand> hands;
  const std::vector<NamedFont> learnt = parse_named_fonts(*font_list);
  const std::vector<NamedFont> kept = kept_list.empty() ? std::vector<NamedFont>{} : parse_named_fonts(kept_list);
  for (const NamedFont& f : learnt) hands.push_back({f, FontFace::open_family(f.family), {}, {}, hands.size()});
  for (const NamedFont& f : kept) hands.push_back({f, FontFace::open_family(f.family), {}, {}, 0});
  const std::vector<char32_t> train_chars = select_chars(library, train_spec, heldout_list_path());
  const std::vector<char32_t> fit_chars = select_chars(library, fit_spec, heldout_list_path());
  const std::vector<char32_t> eval_chars = select_chars(library, "heldout", heldout_list_path());
  {
    ProgressBar bar("splits", learnt.size() * train_chars.size() + kept.size() * fit_chars.size());
    size_t done = 0;
    for (size_t h = 0; h < hands.size(); ++h)
      hands[h].learnt = split_samples(hands[h].font, library, h < learnt.size() ? train_chars : fit_chars, bar, done);
    bar.finish();
  }
  for (size_t h = 0; h < learnt.size(); ++h) {
    HandSamples& all = hands[h].learnt;
    hands[h].check.typical = all.typical;
    std::vector<StructureSample> kept_in;
    for (size_t i = 0; i < all.samples.size(); ++i)
      (i % kCheckEvery == kCheckEvery - 1 ? hands[h].check.samples : kept_in).push_back(std::move(all.samples[i]));
    all.samples = std::move(kept_in);
  }

  StructureModel model(learnt.size(), training.seed);
  std::vector<HandSamples> by_style;
  for (size_t h = 0; h < learnt.size(); ++h) by_style.push_back(hands[h].learnt);
  {
    ProgressBar bar("structure", static_cast<size_t>(training.steps));
    const double loss = model.train(by_style, training, &bar);
    bar.finish("loss " + std::to_string(loss).substr(0, 6));
  }
  for (size_t h = learnt.size(); h < hands.size(); ++h) hands[h].style = model.adapt(hands[h].learnt);
  for (size_t h = 0; h < learnt.size(); ++h) hands[h].check_gain = check_gain(hands[h], model, library, size);

  std::vector<Measured> results;
  {
    ProgressBar bar("held-out", hands.size() * static_cast<size_t>(count));
    size_t done = 0;
    for (const FontHand& hand : hands) results.push_back(measure(hand, model, library, eval_chars, static_cast<size_t>(count), size, bar, done));
    bar.finish();
  }

  nlohmann::json report = print_table(hands, results, learnt.size(), size);
  report.update({{"train_chars", train_spec}, {"fit_chars", fit_spec}, {"steps", training.steps}});
  if (json_file) {
    write_file_atomic(*json_file, report.dump(1) + "\n");
    std::printf("wrote %s\n", json_file->c_str());
  }
  if (stroke_model) {  // the rows that placed their check characters better, under their style names
    const std::vector<std::string>& styles = summary_of(*stroke_model).styles;
    std::string kept_names;
    for (size_t h = 0; h < learnt.size(); ++h)
      if (hands[h].check_gain > 0 && std::find(styles.begin(), styles.end(), hands[h].name.name) != styles.end()) {
        model.name_style(hands[h].style, hands[h].name.name);
        kept_names += (kept_names.empty() ? "" : ", ") + hands[h].name.name;
      }
    if (kept_names.empty()) throw InkError("no style's row placed its check characters better than its typical layout; nothing saved");
    const std::filesystem::path file = structure_file(summary_of(*stroke_model).file);
    model.save(file, "ink-train --structure --fonts " + *font_list + " --train-chars " + train_spec + " --steps " +
                         std::to_string(training.steps));
    std::printf("wrote %s (rows: %s)\n", file.c_str(), kept_names.c_str());
  }
  return 0;
}

}  // namespace ink::train_tool
