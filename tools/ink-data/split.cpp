// ink-data split: stroke splits by alignment, of a font's glyphs (with agreement against the
// stroke data) or of image files named after their characters; a sheet to look at.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/paths.h"
#include "ink/base/progress.h"
#include "ink/base/utf8.h"
#include "ink/data/char_sets.h"
#include "ink/raster/font.h"
#include "ink/render/split_sheet.h"
#include "ink/styles/style_images.h"

namespace ink::data_tool {
namespace {

struct FontSplitReport {
  std::vector<float> agreement, aligned, fit;
  size_t missing = 0;
};

int split_font(cli::Args& args, const std::string& family) {
  const int size = args.int_value("size", 128, 32, 1024);
  const std::string selection = args.value_or("chars", "heldout");
  const int limit = args.int_value("limit", 200, 1, 100000);
  const auto sheet = args.value("sheet");
  const int sheet_rows = args.int_value("sheet-rows", 8, 1, 200);
  const auto json = args.value("json");
  const StrokeLibrary library = cli::open_library(args);
  args.finish();
  const FontFace font = FontFace::open_family(family);
  std::vector<char32_t> chars = select_chars(library, selection, heldout_list_path());
  if (chars.size() > static_cast<size_t>(limit)) {  // spread over the selection, not its first block
    std::vector<char32_t> spread;
    for (int i = 0; i < limit; ++i) spread.push_back(chars[i * chars.size() / limit]);
    chars = spread;
  }

  Rasterizer rasterizer;
  const BoxToPixels frame = BoxToPixels::square(static_cast<float>(size));
  FontSplitReport report;
  std::vector<SplitSheetRow> rows;
  ProgressBar bar("splitting", chars.size());
  for (size_t i = 0; i < chars.size(); ++i) {
    bar.update(i);
    if (!font.has_char(chars[i])) {
      ++report.missing;
      continue;
    }
    const Glyph& glyph = library.glyph(chars[i]);
    const Coverage ink = rasterizer.fill(font.glyph_outline(chars[i]), frame, size, size);
    if (ink.sum() <= 0) {  // some fonts map a character to an empty glyph
      ++report.missing;
      continue;
    }
    const StrokeSplit split = split_by_alignment(ink, glyph);
    std::vector<Coverage> truth;
    for (const Stroke& s : glyph.strokes) truth.push_back(rasterizer.fill(s.outline, frame, size, size));
    report.agreement.push_back(split_agreement(split, truth));
    report.aligned.push_back(split_agreement(split, aligned_reference_strokes(glyph, split.alignment, size, size)));
    report.fit.push_back(split.alignment.iou);
    if (rows.size() < static_cast<size_t>(sheet_rows)) rows.push_back({ink, split.strokes});
  }
  bar.finish();
  if (report.agreement.empty()) throw InkError("'" + family + "' has none of the selected characters");
  auto mean = [](const std::vector<float>& v) { double s = 0; for (float x : v) s += x; return s / v.size(); };
  std::vector<float> sorted = report.agreement;
  std::sort(sorted.begin(), sorted.end());
  const double pixel_mean = mean(report.agreement);
  const size_t at_least_95 = sorted.end() - std::lower_bound(sorted.begin(), sorted.end(), 0.95f);
  std::printf("%s: %zu characters split (%zu not in the font); agreement with the stroke data: mean %.4f, median %.4f, "
              "worst %.4f, %zu%% of characters >= 0.95; with the data aligned to the glyph: mean %.4f; fit IoU mean %.3f\n",
              family.c_str(), report.agreement.size(), report.missing, pixel_mean, sorted[sorted.size() / 2], sorted.front(),
              100 * at_least_95 / sorted.size(), mean(report.aligned), mean(report.fit));
  if (sheet) write_png(render_split_sheet(rows, size), *sheet), std::printf("sheet: %s\n", sheet->c_str());
  if (json) {
    nlohmann::json j = {{"font", family},       {"characters", report.agreement.size()}, {"missing", report.missing},
                        {"agreement_mean", pixel_mean}, {"agreement_median", sorted[sorted.size() / 2]},
                        {"agreement_worst", sorted.front()}, {"aligned_agreement_mean", mean(report.aligned)},
                        {"fit_iou_mean", mean(report.fit)}};
    write_file_atomic(*json, j.dump(2) + "\n");
  }
  return 0;
}

int split_images(cli::Args& args) {
  const int size = args.int_value("size", 128, 32, 1024);
  const auto sheet = args.value("sheet");
  // Practice-grid photos: each cut to its printed square first, and split where it lies.
  const bool grid = args.flag("grid");
  const StrokeLibrary library = cli::open_library(args);
  std::vector<std::filesystem::path> files;
  for (;;) {
    std::string item;
    try {
      item = args.positional("image");
    } catch (const InkError&) {
      break;
    }
    if (std::filesystem::is_directory(item)) {
      for (const auto& f : list_image_files(item)) files.push_back(f);
    } else {
      files.push_back(item);
    }
  }
  args.finish();
  if (files.empty()) throw InkError("split needs --font FAMILY or image files / folders");
  const StyleImageSet set = split_style_images(files, library, size, grid ? StrokePlacement::in_place : StrokePlacement::settled,
                                              grid ? ImageSquare::grid : ImageSquare::whole);
  for (const std::string& problem : set.problems) std::fprintf(stderr, "ink-data: skipped %s\n", problem.c_str());
  std::vector<SplitSheetRow> rows;
  for (const SplitImage& image : set.images) {
    std::printf("%s: %s, %zu strokes, fit IoU %.3f\n", image.file.c_str(), encode_utf8(image.character).c_str(),
                image.strokes.size(), image.split.alignment.iou);
    rows.push_back({image.ink, image.strokes});
  }
  std::printf("%zu of %zu images split\n", set.images.size(), set.images.size() + set.problems.size());
  if (sheet && !rows.empty()) write_png(render_split_sheet(rows, size), *sheet), std::printf("sheet: %s\n", sheet->c_str());
  return set.images.empty() ? 1 : 0;
}

}  // namespace

int split(cli::Args& args) {
  if (const auto family = args.value("font")) return split_font(args, *family);
  return split_images(args);
}

}  // namespace ink::data_tool
