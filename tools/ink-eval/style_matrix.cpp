// The style matrix: does style F write closer to font F than the other styles do?
#include "style_matrix.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/writer_options.h"
#include "ink/alignment/stroke_alignment.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/paths.h"
#include "ink/base/progress.h"
#include "ink/base/utf8.h"
#include "ink/data/char_sets.h"
#include "ink/evaluation/evaluation.h"
#include "ink/model/torch_runtime.h"
#include "ink/raster/font.h"
#include "ink/writing/writer.h"
#include "eval_set.h"
#include "style_sheet.h"

namespace ink::eval_tool {
namespace {

struct Column {
  std::string name, family;  // family "" : the stroke data's own outlines
  std::optional<FontFace> font;
};

// The font's glyph laid onto the data's strokes as the font styles and learnt hands are trained
// (dataset.cpp, style_images.cpp): the whole fit, then each stroke settled onto the data's. What
// is left to compare is the brush.
Coverage aligned_glyph(const FontFace& font, const Glyph& glyph, int size) {
  Rasterizer rasterizer;
  const Coverage ink = rasterizer.fill(font.glyph_outline(glyph.codepoint), BoxToPixels::square(2.0f * size), 2 * size, 2 * size);
  const StrokeSplit split = split_by_alignment(ink, glyph);
  Coverage out(size, size);
  for (const Coverage& stroke : frame_strokes(split, split.alignment, size)) out.max_with(stroke);
  return out;
}

constexpr size_t kMaxSheetChars = 32;

// Each column's glyph of `c`: the font's where it draws it (in place) or laid onto the data's
// strokes; empty when the font lacks the character (only the sheet's own characters may).
std::vector<Coverage> column_glyphs(const std::vector<Column>& columns, const StrokeLibrary& library, char32_t c, int size,
                                    bool in_place) {
  Rasterizer rasterizer;
  std::vector<Coverage> targets;
  for (const Column& col : columns) {
    if (!col.font) targets.push_back(rasterizer.fill_glyph(library.glyph(c), size));
    else if (!col.font->draws(c)) targets.emplace_back(size, size);
    else if (in_place) targets.push_back(rasterizer.fill(col.font->glyph_outline(c), BoxToPixels::square(size), size, size));
    else targets.push_back(aligned_glyph(*col.font, library.glyph(c), size));
  }
  return targets;
}

// `c` written in `style`. In place each style writes where its layout puts the strokes, at its
// stroke weight; laid onto the data's strokes, as the glyphs are, the brush alone is compared.
Coverage write_in_style(const std::shared_ptr<DiffusionModel>& model, const StrokeLibrary& library, char32_t c,
                        const std::string& style, WriterSettings settings, bool in_place) {
  settings.style = style_id(*model, style);
  const Glyph& data_glyph = library.glyph(c);
  if (in_place) set_styled_weight(settings, *model, style);
  StrokeWriter writer(model, in_place ? styled_glyph(*model, data_glyph, style, settings.style_strength) : data_glyph, settings);
  writer.write();
  return writer.glyph();
}

// Prints totals over `count` characters as means, a row per name, and returns them for the report.
nlohmann::json print_means(const std::vector<std::string>& row_names, const std::vector<std::vector<double>>& totals, size_t count) {
  nlohmann::json out = nlohmann::json::array();
  for (size_t r = 0; r < row_names.size(); ++r) {
    std::printf("%-18s", row_names[r].substr(0, 18).c_str());
    nlohmann::json row = nlohmann::json::array();
    for (double total : totals[r]) {
      row.push_back(total / static_cast<double>(count));
      std::printf(" %10.3f", total / static_cast<double>(count));
    }
    std::printf("\n");
    out.push_back(row);
  }
  return out;
}

}  // namespace

int style_matrix(cli::Args& args, const std::string& style_list) {
  const std::filesystem::path model_dir = args.value_or("model", default_model_dir().string());
  const auto font_list = args.value("fonts");
  if (!font_list) throw InkError("--styles needs --fonts NAME=FAMILY,... (the glyphs to compare with)");
  const int count = args.int_value("chars", 100, 1, 100000);
  const std::string set = eval_set(args);
  const std::string set_words = set == "seen" ? "seen" : "held-out";
  const std::u32string exclude = decode_utf8(args.value_or("exclude", ""), "--exclude");
  const auto json_file = args.value("json");
  const auto sheet_file = args.value("sheet");
  const std::u32string sheet_chars = decode_utf8(args.value_or("sheet-chars", ""), "--sheet-chars");
  if (!sheet_chars.empty() && !sheet_file) throw InkError("--sheet-chars draws on the sheet: give --sheet PNG too");
  if (sheet_chars.size() > kMaxSheetChars)
    throw InkError("--sheet-chars: " + std::to_string(sheet_chars.size()) + " characters, a sheet's row holds at most " +
                   std::to_string(kMaxSheetChars));
  // Styles are trained on fonts laid onto the data's strokes; --in-place compares with the glyphs
  // where the fonts draw them instead.
  const bool in_place = args.flag("in-place");
  WriterSettings settings = cli::writer_settings(args);
  const StrokeLibrary library = cli::open_library(args);
  args.finish();
  configure_torch_threads();
  if (json_file) AtomicFile check(*json_file);
  if (sheet_file) AtomicFile check(*sheet_file);

  std::vector<Column> columns;
  for (const NamedFont& named : parse_named_fonts(*font_list)) {
    Column c{named.name, named.family, std::nullopt};
    if (c.family != "hanzi-writer-data") c.font.emplace(FontFace::open_family(c.family));
    else c.family.clear();
    columns.push_back(std::move(c));
  }
  const auto model = open_model(model_dir, ConditioningMode::stroke);
  const std::vector<std::string> styles = cli::split_list(style_list);
  for (const std::string& s : styles) style_id(*model, s);  // throws naming an unknown style
  for (char32_t c : sheet_chars) library.glyph(c);         // throws naming a character without data

  // The set's characters every font draws (the brush fonts lack simplified-only forms; some fonts
  // map a character to an empty glyph).
  std::vector<char32_t> usable;
  for (char32_t c : select_chars(library, set, heldout_list_path())) {
    bool ok = exclude.find(c) == std::u32string::npos;
    for (const Column& col : columns) ok = ok && (!col.font || col.font->draws(c));
    if (ok) usable.push_back(c);
  }
  std::vector<char32_t> chars;
  for (int i = 0; i < count && i < static_cast<int>(usable.size()); ++i) chars.push_back(usable[i * usable.size() / std::min<size_t>(count, usable.size())]);
  if (chars.empty()) throw InkError("no " + set_words + " character is in every one of the fonts");

  const int size = summary_of(*model).sample_size;
  std::vector<std::vector<double>> sum(styles.size(), std::vector<double>(columns.size(), 0));
  // The weight of the writing: its ink over the glyph's, so a brush that is too thin or too heavy
  // shows as such, where IoU only says it differs.
  std::vector<std::vector<double>> weight = sum;
  // Where the writing sits against the glyph: its ink centre minus the glyph's, so a placement
  // off by a pixel shows apart from weight and shape.
  std::vector<std::vector<double>> shift_x = sum, shift_y = sum;
  // How far the fonts' glyphs are from each other: what separates the columns at all.
  std::vector<std::vector<double>> between(columns.size(), std::vector<double>(columns.size(), 0));
  // Every character's IoUs, [character][style][font], for the margins' errors.
  std::vector<std::vector<std::vector<double>>> per_char;
  // The sheet: row r over column r's glyphs (the matrix's diagonal; every row over the one column
  // when there is one), the --sheet-chars or else the first characters measured.
  constexpr size_t kSheetChars = 12;
  std::vector<StyleSheetRow> sheet(styles.size());
  const auto sheet_column = [&](size_t r) -> std::optional<size_t> {
    if (columns.size() == 1) return 0;
    if (r < columns.size()) return r;
    return std::nullopt;
  };
  const bool sheet_of_scored = sheet_file && sheet_chars.empty();
  ProgressBar bar("style matrix", (chars.size() + (sheet_file ? sheet_chars.size() : 0)) * styles.size());
  size_t done = 0;
  for (char32_t c : chars) {
    const std::vector<Coverage> targets = column_glyphs(columns, library, c, size, in_place);
    for (size_t i = 0; i < columns.size(); ++i)
      for (size_t k = 0; k < columns.size(); ++k) between[i][k] += coverage_iou(targets[i], targets[k]);
    per_char.emplace_back(styles.size(), std::vector<double>(columns.size(), 0.0));
    for (size_t r = 0; r < styles.size(); ++r) {
      const Coverage written = write_in_style(model, library, c, styles[r], settings, in_place);
      for (size_t k = 0; k < columns.size(); ++k) {
        per_char.back()[r][k] = coverage_iou(written, targets[k]);
        sum[r][k] += per_char.back()[r][k];
        weight[r][k] += written.sum() / std::max(1e-6f, targets[k].sum());
        const Point a = ink_moments(written).centre, b = ink_moments(targets[k]).centre;
        shift_x[r][k] += a.x - b.x, shift_y[r][k] += a.y - b.y;
      }
      if (sheet_of_scored && sheet_column(r) && sheet[r].glyphs.size() < kSheetChars)
        sheet[r].glyphs.push_back(targets[*sheet_column(r)]), sheet[r].written.push_back(written);
      bar.update(++done);
    }
  }
  if (sheet_file)
    for (char32_t c : sheet_chars) {
      const std::vector<Coverage> targets = column_glyphs(columns, library, c, size, in_place);
      for (size_t r = 0; r < styles.size(); ++r) {
        if (sheet_column(r))
          sheet[r].glyphs.push_back(targets[*sheet_column(r)]),
              sheet[r].written.push_back(write_in_style(model, library, c, styles[r], settings, in_place));
        bar.update(++done);
      }
    }
  bar.finish();

  nlohmann::json report = {{"set", set}, {"model", model_dir.string()}, {"characters", encode_utf8(std::u32string(chars.begin(), chars.end()))},
                           {"steps", settings.steps}, {"refine_from", settings.refine_from}, {"seed", settings.seed},
                           {"guidance", settings.guidance}, {"style_strength", settings.style_strength},
                           {"glyphs", in_place ? "in place" : "aligned to the data's strokes"}, {"styles", styles}, {"iou", nlohmann::json::array()}};
  std::printf("whole-glyph IoU, %zu %s characters (rows: the style written; columns: the glyphs compared with)\n%-18s",
              chars.size(), set_words.c_str(), "");
  for (const Column& col : columns) std::printf(" %10s", col.name.substr(0, 10).c_str());
  std::printf("\n");
  for (size_t r = 0; r < styles.size(); ++r) {
    std::printf("%-18s", styles[r].substr(0, 18).c_str());
    nlohmann::json row = nlohmann::json::array();
    for (size_t k = 0; k < columns.size(); ++k) {
      const double iou = sum[r][k] / chars.size();
      row.push_back(iou);
      bool best = true;  // is this style the closest one to this column's font?
      for (size_t o = 0; o < styles.size(); ++o) best = best && sum[o][k] <= sum[r][k];
      std::printf(" %9.3f%s", iou, best ? "*" : " ");
    }
    std::printf("\n");
    report["iou"].push_back(row);
  }
  std::printf("* the closest style to that column's glyphs\n\n");
  // A square matrix pairs row k with column k (the lists in the same order): how surely each
  // column goes to its own style. Otherwise (a learnt hand against a kept-back font) each style's
  // gain over the first, the before.
  report["margins"] = nlohmann::json::array();
  if (styles.size() == columns.size() && styles.size() >= 2) {
    std::printf("own style's lead over the best other (mean over characters +- standard error, paired)\n");
    for (size_t k = 0; k < columns.size(); ++k) {
      const ColumnMargin m = column_margin(per_char, k);
      std::printf("%-10s own %-18s vs %-18s %+8.4f +- %.4f\n", columns[k].name.substr(0, 10).c_str(), styles[k].substr(0, 18).c_str(),
                  styles[m.runner_up].substr(0, 18).c_str(), m.lead.mean, m.lead.standard_error);
      report["margins"].push_back({{"font", columns[k].name}, {"own", styles[k]}, {"runner_up", styles[m.runner_up]},
                                   {"margin", m.lead.mean}, {"standard_error", m.lead.standard_error}});
    }
    std::printf("\n");
  } else if (styles.size() >= 2) {
    std::printf("gain over %s (mean over characters +- standard error, paired)\n", styles[0].c_str());
    report["gains"] = nlohmann::json::array();
    for (size_t k = 0; k < columns.size(); ++k)
      for (size_t r = 1; r < styles.size(); ++r) {
        const PairedDifference gain = paired_difference(per_char, k, r, 0);
        std::printf("%-10s %-18s %+8.4f +- %.4f\n", columns[k].name.substr(0, 10).c_str(), styles[r].substr(0, 18).c_str(), gain.mean,
                    gain.standard_error);
        report["gains"].push_back({{"font", columns[k].name}, {"style", styles[r]}, {"gain", gain.mean}, {"standard_error", gain.standard_error}});
      }
    std::printf("\n");
  }
  report["per_character"] = per_char;
  std::printf("the glyphs against each other (IoU)\n");
  std::vector<std::string> column_names;
  for (const Column& col : columns) column_names.push_back(col.name);
  report["glyph_iou"] = print_means(column_names, between, chars.size());
  std::printf("\nink area, written / glyph\n");
  report["ink_ratio"] = print_means(styles, weight, chars.size());
  std::printf("\nink centre, written minus glyph (x, y in pixels of %d; y down)\n", size);
  report["centre_shift"] = nlohmann::json::array();
  for (size_t r = 0; r < styles.size(); ++r) {
    std::printf("%-18s", styles[r].substr(0, 18).c_str());
    nlohmann::json row = nlohmann::json::array();
    for (size_t k = 0; k < columns.size(); ++k) {
      const double dx = shift_x[r][k] / chars.size(), dy = shift_y[r][k] / chars.size();
      row.push_back({dx, dy});
      std::printf("  %+4.2f,%+4.2f", dx, dy);
    }
    std::printf("\n");
    report["centre_shift"].push_back(row);
  }
  if (json_file) {
    report["fonts"] = column_names;
    write_file_atomic(*json_file, report.dump(2) + "\n");
  }
  if (sheet_file) write_style_sheet(sheet, *sheet_file);
  return 0;
}

}  // namespace ink::eval_tool
