// ink-data layout: how much of a font's structure a layout carries. From the characters a font's
// layout is learnt from come its typical (median) fit and a rule that predicts each character's
// placement from its ink shape. On held-out characters the data's own strokes are compared in
// place (where the font draws its glyph): as they are, moved by the typical layout, by the rule,
// and by the character's own fit and stroke shifts (what a perfect layout predictor would do).
// No model: this bounds what a layout stage can give the writers.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.h"
#include "ink/alignment/layout.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/paths.h"
#include "ink/base/progress.h"
#include "ink/data/char_sets.h"
#include "ink/raster/font.h"
#include "ink/styles/style_layouts.h"

namespace ink::data_tool {
namespace {

constexpr int kSplitSize = 128;          // the fit's image, as ink-data split draws glyphs
constexpr float kMinFit = 0.25f;         // as the dataset build: below, another form of the character
constexpr float kMinStrokeShare = 0.15f;
const char* const kColumns[] = {"as the data", "typical", "rule", "own fit", "fit + strokes"};
constexpr size_t kColumnCount = 5;

struct FontColumn {
  std::string name, family;
};

std::vector<FontColumn> parse_fonts(const std::string& list) {
  std::vector<FontColumn> fonts;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t end = std::min(list.find(',', start), list.size());
    const std::string item = list.substr(start, end - start);
    const size_t eq = item.find('=');
    if (item.empty() || eq == 0 || eq + 1 == item.size()) throw InkError("--fonts: expected NAME=FAMILY,..., got '" + list + "'");
    fonts.push_back(eq == std::string::npos ? FontColumn{item, item} : FontColumn{item.substr(0, eq), item.substr(eq + 1)});
    start = end + 1;
  }
  return fonts;
}

Coverage draw(const Glyph& glyph, int size, Rasterizer& rasterizer) {
  Coverage out(size, size);
  for (const Stroke& stroke : glyph.strokes) rasterizer.fill(stroke.outline, BoxToPixels::square(static_cast<float>(size)), out);
  return out;
}

// The font's glyph in place, split, when the font draws the character in the data's form.
struct InPlace {
  StrokeSplit split;
  InkShape font_shape, data_shape;
};

std::optional<InPlace> split_in_place(const FontFace& font, const Glyph& glyph, Rasterizer& rasterizer) {
  if (!font.has_char(glyph.codepoint)) return std::nullopt;
  const Outline outline = font.glyph_outline(glyph.codepoint);
  if (outline.empty()) return std::nullopt;
  const Coverage ink = rasterizer.fill(outline, BoxToPixels::square(kSplitSize), kSplitSize, kSplitSize);
  if (ink.sum() <= 0) return std::nullopt;
  StrokeSplit split = split_by_alignment(ink, glyph);
  if (split.alignment.iou < kMinFit || split.weakest_stroke < kMinStrokeShare) return std::nullopt;
  return InPlace{std::move(split), ink_shape(ink), ink_shape(draw(glyph, kSplitSize, rasterizer))};
}

struct Measured {
  std::vector<std::vector<double>> iou;  // per column, per character
  std::vector<char32_t> chars;
  Layout layout;
  LayoutRule rule;
  size_t fitted = 0;
};

Measured measure(const FontFace& font, const StrokeLibrary& library, const std::vector<char32_t>& fit_chars,
                 const std::vector<char32_t>& eval_chars, size_t count, int size, ProgressBar& bar, size_t& done) {
  Rasterizer rasterizer;
  Measured m;
  std::vector<Layout> fits;
  std::vector<InkShape> data_shapes, font_shapes;
  for (char32_t c : fit_chars) {
    if (const auto found = split_in_place(font, library.glyph(c), rasterizer)) {
      fits.push_back(layout_of_fit(found->split.alignment, kSplitSize));
      data_shapes.push_back(found->data_shape);
      font_shapes.push_back(found->font_shape);
    }
    bar.update(++done);
  }
  if (fits.empty()) throw InkError(font.family() + ": none of the characters to learn the layout from split");
  m.layout = typical_layout(fits);
  m.rule = fit_layout_rule(data_shapes, font_shapes, m.layout.rotation);
  m.fitted = fits.size();
  m.iou.resize(kColumnCount);
  for (char32_t c : eval_chars) {
    if (m.chars.size() == count) break;
    const Glyph& glyph = library.glyph(c);
    const auto found = split_in_place(font, glyph, rasterizer);
    if (!found) continue;
    const Coverage target = rasterizer.fill(font.glyph_outline(c), BoxToPixels::square(static_cast<float>(size)), size, size);
    const Layout own = layout_of_fit(found->split.alignment, kSplitSize);
    const Glyph placed[] = {glyph, apply_layout(glyph, m.layout), apply_layout(glyph, layout_by_rule(m.rule, found->data_shape)),
                            apply_layout(glyph, own), apply_layout(glyph, own, stroke_shifts_of(found->split))};
    for (size_t col = 0; col < kColumnCount; ++col) m.iou[col].push_back(coverage_iou(draw(placed[col], size, rasterizer), target));
    m.chars.push_back(c);
    bar.update(++done);
  }
  return m;
}

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return v.empty() ? 0 : sum / static_cast<double>(v.size());
}

// The paired standard error of the mean of b - a.
double paired_error(const std::vector<double>& a, const std::vector<double>& b) {
  const size_t n = a.size();
  if (n < 2) return 0;
  std::vector<double> d(n);
  for (size_t i = 0; i < n; ++i) d[i] = b[i] - a[i];
  const double mean = mean_of(d);
  double var = 0;
  for (double x : d) var += (x - mean) * (x - mean);
  return std::sqrt(var / static_cast<double>(n - 1) / static_cast<double>(n));
}

}  // namespace

int layout(cli::Args& args) {
  const auto font_list = args.value("fonts");
  if (!font_list) throw InkError("layout needs --fonts NAME=FAMILY,... (the hands to measure)");
  const std::string fit_spec = args.value_or("fit-chars", "seen:80");
  const int count = args.int_value("chars", 200, 1, 100000);
  const int size = args.int_value("size", 64, 16, 512);
  const auto json_file = args.value("json");
  const auto save_file = args.value("save");
  const StrokeLibrary library = cli::open_library(args);
  args.finish();
  if (json_file) AtomicFile check(*json_file);
  if (save_file) AtomicFile check(*save_file);
  const std::vector<FontColumn> columns = parse_fonts(*font_list);
  std::vector<FontFace> fonts;
  for (const FontColumn& col : columns) fonts.push_back(FontFace::open_family(col.family));
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
    for (size_t col = 0; col < kColumnCount; ++col) {
      const double gain_error = col ? paired_error(m.iou[0], m.iou[col]) : 0;
      if (col) std::printf(" %7.3f +-%.3f", mean_of(m.iou[col]), gain_error);
      else std::printf(" %14.3f", mean_of(m.iou[col]));
      means.push_back(mean_of(m.iou[col]));
      errors.push_back(gain_error);
    }
    const Layout& l = m.layout;
    std::printf("   (%+.0f, %+.0f) %.3f x %.3f %+.1f (%zu)\n", l.shift.x, l.shift.y, l.scale_x, l.scale_y, l.rotation * 180 / M_PI,
                m.fitted);
    report["fonts"].push_back({{"name", columns[f].name},
                               {"family", columns[f].family},
                               {"characters", m.chars.size()},
                               {"iou", means},
                               {"gain_standard_error", errors},
                               {"per_character", m.iou},
                               {"typical", {{"shift", {l.shift.x, l.shift.y}}, {"scale", {l.scale_x, l.scale_y}}, {"rotation", l.rotation}}},
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
    for (size_t f = 0; f < columns.size(); ++f) layouts[columns[f].name] = results[f].layout;
    save_layouts(*save_file, layouts, "ink-data layout --fonts " + *font_list + " --fit-chars " + fit_spec);
    std::printf("wrote %s\n", save_file->c_str());
  }
  return 0;
}

}  // namespace ink::data_tool
