// render_split_sheet: rows wrap after max_columns cells; colours cycle through a palette that
// keeps neighbouring strokes apart.
#include "ink/render/split_sheet.h"

#include <algorithm>

#include "render/sheet_colors.h"

namespace ink {
namespace {

using namespace sheet_colors;
constexpr Rgb kPalette[] = {{214, 39, 40}, {31, 119, 180}, {44, 160, 44},  {255, 127, 14}, {148, 103, 189},
                            {140, 86, 75}, {227, 119, 194}, {23, 190, 207}, {188, 189, 34}, {60, 60, 60}};

}  // namespace

Image render_split_sheet(const std::vector<SplitSheetRow>& rows, int cell, int max_columns) {
  const int margin = 12, gap = 6;
  std::vector<int> lines;  // text rows each image row needs
  int columns = 1, total_lines = 0;
  for (const SplitSheetRow& row : rows) {
    const int cells = 2 + static_cast<int>(row.strokes.size());
    columns = std::max(columns, std::min(cells, max_columns));
    lines.push_back((cells + max_columns - 1) / max_columns);
    total_lines += lines.back();
  }
  const int width = 2 * margin + columns * (cell + gap) - gap, height = 2 * margin + std::max(1, total_lines) * (cell + gap) - gap;
  check_image_size(width, height, "a split sheet of " + std::to_string(rows.size()) + " images");
  Image image(width, height, kPaper);
  int line = 0;
  for (size_t r = 0; r < rows.size(); ++r) {
    const SplitSheetRow& row = rows[r];
    int column = 0;
    auto next_cell = [&](auto&& paint) {
      const int left = margin + (column % max_columns) * (cell + gap), top = margin + (line + column / max_columns) * (cell + gap);
      image.fill_rect(left - 1, top - 1, cell + 2, cell + 2, kGrid);
      image.fill_rect(left, top, cell, cell, kPaper);
      paint(left, top);
      ++column;
    };
    next_cell([&](int left, int top) { image.blend(row.ink, left, top, kInk); });
    next_cell([&](int left, int top) {
      for (size_t k = 0; k < row.strokes.size(); ++k) image.blend(row.strokes[k], left, top, kPalette[k % std::size(kPalette)], 0.85f);
    });
    for (size_t step = 0; step < row.strokes.size(); ++step)
      next_cell([&](int left, int top) {
        // Faint, then ink, then the new stroke: each layer stays on top of the one before.
        for (size_t k = step + 1; k < row.strokes.size(); ++k) image.blend(row.strokes[k], left, top, kFaint);
        for (size_t k = 0; k < step; ++k) image.blend(row.strokes[k], left, top, kInk);
        image.blend(row.strokes[step], left, top, kVermilion);
      });
    line += lines[r];
  }
  return image;
}

}  // namespace ink
