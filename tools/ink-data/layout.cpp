// ink-data layout: how much of a font's structure a layout carries. From the characters a font's
// layout is learnt from come its typical (median) fit and a rule that predicts each character's
// placement from its ink shape. On held-out characters the data's own strokes are compared in
// place (where the font draws its glyph): as they are, moved by the typical layout, by the rule,
// and by the character's own fit and stroke shifts (what a perfect layout predictor would do).
// No model: this bounds what a layout stage can give the writers.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "ink/alignment/font_split.h"
#include "ink/alignment/layout.h"
#include "ink/alignment/stroke_weight_ratio.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/paths.h"
#include "ink/base/progress.h"
#include "ink/data/char_sets.h"
#include "ink/dataset/dataset.h"
#include "ink/evaluation/evaluation.h"
#include "ink/raster/font.h"
#include "ink/styles/style_layouts.h"

namespace ink::data_tool {
namespace {

const char* const kColumns[] = {"as the data", "typical", "+ tilts", "rule", "own fit", "fit + strokes", "+ weight",
                                "fit + weight", "fit + forms"};
constexpr size_t kColumnCount = 9;

struct Measured {
  std::vector<std::vector<double>> iou;  // per column, per character
  std::vector<char32_t> chars;
  Layout layout;
  LayoutRule rule;
  size_t fitted = 0;
  bool tilts_kept = false;  // the tilts raised the seen characters' IoU, so the saved layout has them
  float weight = 1;         // measured; the saved layout keeps it when it is not the data's
};

// IoU in place of the glyph laid out by each of `layouts` and the font's glyph.
std::vector<double> ious_in_place(const Glyph& glyph, const Coverage& target, const std::vector<Layout>& layouts, Rasterizer& rasterizer) {
  std::vector<double> ious;
  for (const Layout& layout : layouts) ious.push_back(coverage_iou(rasterizer.fill_glyph(apply_layout(glyph, layout), target.width), target));
  return ious;
}

Measured measure(const FontFace& font, const StrokeLibrary& library, const std::vector<char32_t>& fit_chars,
                 const std::vector<char32_t>& eval_chars, size_t count, int size, ProgressBar& bar, size_t& done) {
  Rasterizer rasterizer;
  Measured m;
  std::vector<Layout> fits;
  std::vector<InkShape> data_shapes, font_shapes;
  std::vector<MeasuredTilt> tilts;
  std::vector<float> weights;
  std::vector<char32_t> fitted_chars;
  for (char32_t c : fit_chars) {
    if (const auto found = split_font_glyph(font, library.glyph(c), rasterizer)) {
      fits.push_back(layout_of_fit(found->split.alignment, kFontSplitSize));
      const std::vector<MeasuredTilt> measured = measure_stroke_tilts(found->split, library.glyph(c));
      tilts.insert(tilts.end(), measured.begin(), measured.end());
      if (const auto weight = measure_weight(found->split, library.glyph(c))) weights.push_back(*weight);
      fitted_chars.push_back(c);
      data_shapes.push_back(found->data_shape);
      font_shapes.push_back(found->font_shape);
    }
    bar.update(++done);
  }
  if (fits.empty()) throw InkError(font.family() + ": none of the characters to learn the layout from split");
  const Layout placement = typical_layout(fits);
  m.layout = placement;
  m.layout.tilts = typical_stroke_tilts(tilts);
  // The tilts are kept when they raise the IoU of the characters they were measured on.
  double gain = 0;
  for (char32_t c : fitted_chars) {
    const Coverage target = rasterizer.fill(font.glyph_outline(c), BoxToPixels::square(static_cast<float>(size)), size, size);
    const std::vector<double> ious = ious_in_place(library.glyph(c), target, {placement, m.layout}, rasterizer);
    gain += ious[1] - ious[0];
  }
  m.tilts_kept = gain > 0;
  m.weight = typical_weight(weights);
  // A font lighter than the data's keeps no weight: the stroke model writes every font's brush
  // heavier than its glyphs (1.03-1.15 times their ink, in place), and thinning it toward a
  // lighter weight lost on seen characters for each font tried (docs/tuning-experiments.md, Even weight).
  m.layout.weight = m.weight < 1 ? std::nullopt : weight_to_keep(m.weight);
  m.rule = fit_layout_rule(data_shapes, font_shapes, m.layout.rotation);
  m.fitted = fits.size();
  m.iou.resize(kColumnCount);
  for (char32_t c : eval_chars) {
    if (m.chars.size() == count) break;
    const Glyph& glyph = library.glyph(c);
    const auto found = split_font_glyph(font, glyph, rasterizer);
    if (!found) continue;
    const Coverage target = rasterizer.fill(font.glyph_outline(c), BoxToPixels::square(static_cast<float>(size)), size, size);
    const Layout own = layout_of_fit(found->split.alignment, kFontSplitSize);
    const std::vector<double> ious =
        ious_in_place(glyph, target, {Layout{}, placement, m.layout, layout_by_rule(m.rule, found->data_shape), own}, rasterizer);
    for (size_t col = 0; col < ious.size(); ++col) m.iou[col].push_back(ious[col]);
    std::vector<StrokeMove> shifts;
    for (const Point& shift : stroke_shifts_of(found->split)) shifts.push_back({shift, {}});
    const Glyph own_placed = apply_layout(glyph, own, shifts);
    m.iou[5].push_back(coverage_iou(rasterizer.fill_glyph(own_placed, size), target));
    Layout kept = m.layout;
    if (!m.tilts_kept) kept.tilts = {};
    m.iou[6].push_back(coverage_iou(fill_weighted(apply_layout(glyph, kept), m.weight, size), target));
    m.iou[7].push_back(coverage_iou(fill_weighted(own_placed, m.weight, size), target));
    m.iou[8].push_back(coverage_iou(rasterizer.fill_glyph(apply_layout(glyph, own, measure_stroke_moves(found->split, glyph, kFontSplitSize)), size), target));
    m.chars.push_back(c);
    bar.update(++done);
  }
  if (m.chars.empty()) throw InkError(font.family() + ": none of the held-out characters split in the data's form");
  return m;
}

}  // namespace

int layout(cli::Args& args) {
  const auto font_list = args.value("fonts");
  if (!font_list) throw InkError("layout needs --fonts NAME=FAMILY,... (the hands to measure)");
  const std::string fit_spec = args.value_or("fit-chars", "seen:400");
  const int count = args.int_value("chars", 200, 1, 100000);
  const int size = args.int_value("size", 64, 16, 512);
  const auto json_file = args.value("json");
  const auto save_file = args.value("save");
  // Styles whose brush writes the data's stroke shapes closer to their glyphs than the structure
  // model's forms (decided with the stroke model writing, on seen characters: docs/tuning-experiments.md).
  const std::string formless_list = args.value_or("without-forms", "");
  const std::vector<std::string> without_forms = cli::split_list(formless_list);
  // Styles whose every stroke the writers bring onto the hand's weight (Layout::even_weight), the
  // data's hand among them, chosen the same way.
  const std::string even_list = args.value_or("even-weight", "");
  const std::vector<std::string> even_weight = cli::split_list(even_list);
  const StrokeLibrary library = cli::open_library(args);
  args.finish();
  if (json_file) AtomicFile check(*json_file);
  if (save_file) AtomicFile check(*save_file);
  const std::vector<NamedFont> columns = parse_named_fonts(*font_list);
  const auto named = [&](const std::string& name) {
    return std::any_of(columns.begin(), columns.end(), [&](const NamedFont& col) { return col.name == name; });
  };
  for (const std::string& name : without_forms)
    if (!named(name)) throw InkError("--without-forms " + name + ": not one of the --fonts names");
  for (const std::string& name : even_weight)
    if (!named(name) && name != kDataStyle) throw InkError("--even-weight " + name + ": not one of the --fonts names nor " + kDataStyle);
  std::vector<FontFace> fonts;
  for (const NamedFont& col : columns) fonts.push_back(FontFace::open_family(col.family));
  const std::vector<char32_t> fit_chars = select_chars(library, fit_spec, heldout_list_path());
  const std::vector<char32_t> eval_chars = select_chars(library, "heldout", heldout_list_path());

  ProgressBar bar("layouts", columns.size() * (fit_chars.size() + static_cast<size_t>(count)));
  size_t done = 0;
  std::vector<Measured> results;
  for (const FontFace& font : fonts) results.push_back(measure(font, library, fit_chars, eval_chars, count, size, bar, done));
  bar.finish();

  std::printf("IoU of the data's strokes to each font's glyphs where the font draws them (%d px, held-out)\n", size);
  std::printf("%-10s %5s", "font", "chars");
  for (const char* column : kColumns) std::printf(" %14s", column);
  std::printf("   typical: shift (box units), scales, rotation (deg), from N fits\n");
  nlohmann::json report = {{"size", size}, {"fit_chars", fit_spec}, {"columns", kColumns}, {"fonts", nlohmann::json::array()}};
  for (size_t f = 0; f < columns.size(); ++f) {
    const Measured& m = results[f];
    std::printf("%-10s %5zu", columns[f].name.substr(0, 10).c_str(), m.chars.size());
    nlohmann::json means = nlohmann::json::array(), errors = nlohmann::json::array();
    const std::vector<PairedDifference> gains = paired_gains(m.iou);
    double first = 0;
    for (double iou : m.iou[0]) first += iou / static_cast<double>(m.chars.size());
    for (size_t col = 0; col < kColumnCount; ++col) {
      const double mean = first + gains[col].mean;
      if (col) std::printf(" %7.3f +-%.3f", mean, gains[col].standard_error);
      else std::printf(" %14.3f", mean);
      means.push_back(mean);
      errors.push_back(gains[col].standard_error);
    }
    const Layout& l = m.layout;
    std::printf("   (%+.0f, %+.0f) %.3f x %.3f %+.1f (%zu)\n", l.shift.x, l.shift.y, l.scale_x, l.scale_y, l.rotation * 180 / M_PI,
                m.fitted);
    const char* weight_note = l.weight ? "kept" : weight_to_keep(m.weight) ? "lighter than the data's: not kept" : "the data's, within 5%";
    std::printf("%16s stroke weight %.3f (%s); stroke tilts (deg), %s:", "", m.weight, weight_note,
                m.tilts_kept ? "kept" : "left out (no gain on the seen characters)");
    for (size_t k = 0; k < kStrokeKinds; ++k) std::printf(" %s %+.1f", stroke_kind_name(static_cast<StrokeKind>(k)), l.tilts[k] * 180 / M_PI);
    std::printf("\n");
    report["fonts"].push_back({{"name", columns[f].name},
                               {"family", columns[f].family},
                               {"characters", m.chars.size()},
                               {"iou", means},
                               {"gain_standard_error", errors},
                               {"per_character", m.iou},
                               {"typical", {{"shift", {l.shift.x, l.shift.y}}, {"scale", {l.scale_x, l.scale_y}}, {"rotation", l.rotation}}},
                               {"stroke_tilts", l.tilts},
                               {"stroke_weight", m.weight},
                               {"weight_kept", l.weight.has_value()},
                               {"tilts_kept", m.tilts_kept},
                               {"rule", {{"slope", m.rule.slope}, {"intercept", m.rule.intercept}}},
                               {"fits", m.fitted}});
  }
  std::printf("(+- : the paired standard error of the gain over \"as the data\")\n");
  if (json_file) {
    write_file_atomic(*json_file, report.dump(1) + "\n");
    std::printf("wrote %s\n", json_file->c_str());
  }
  if (save_file) {  // each font's typical layout under its name, for the styles of that name
    StyleLayouts layouts;
    for (size_t f = 0; f < columns.size(); ++f) {
      layouts[columns[f].name] = results[f].layout;
      if (!results[f].tilts_kept) layouts[columns[f].name].tilts = {};
      const bool formless = std::find(without_forms.begin(), without_forms.end(), columns[f].name) != without_forms.end();
      layouts[columns[f].name].stroke_forms = !formless;
    }
    for (const std::string& name : even_weight) layouts[name].even_weight = true;  // the data's hand: the identity, even
    const std::string forms_note = without_forms.empty() ? "" : " --without-forms " + formless_list;
    const std::string even_note = even_weight.empty() ? "" : " --even-weight " + even_list;
    save_layouts(*save_file, layouts, "ink-data layout --fonts " + *font_list + " --fit-chars " + fit_spec + forms_note + even_note);
    std::printf("wrote %s\n", save_file->c_str());
  }
  return 0;
}

}  // namespace ink::data_tool
