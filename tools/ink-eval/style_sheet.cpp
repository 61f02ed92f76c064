#include "style_sheet.h"

#include <algorithm>

#include "ink/render/image.h"

namespace ink::eval_tool {
namespace {

constexpr Rgb kPaper{250, 246, 236}, kGlyph{150, 185, 225}, kWriting{204, 46, 32};
constexpr int kZoom = 2, kGap = 6;

// Pixel doubling: the sheet shows the model's own 64 px grid, not a smoothed version of it.
Coverage zoom(const Coverage& c) {
  Coverage out(c.width * kZoom, c.height * kZoom);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) out.at(x, y) = c.at(x / kZoom, y / kZoom);
  return out;
}

}  // namespace

void write_style_sheet(const std::vector<StyleSheetRow>& rows, const std::filesystem::path& file) {
  int cell = 0, columns = 0;
  for (const StyleSheetRow& row : rows)
    for (const Coverage& c : row.glyphs) cell = std::max(cell, c.width * kZoom), columns = std::max(columns, static_cast<int>(row.glyphs.size()));
  Image image(kGap + columns * (cell + kGap), kGap + static_cast<int>(rows.size()) * (cell + kGap), kPaper);
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t k = 0; k < rows[r].glyphs.size() && k < rows[r].written.size(); ++k) {
      const int left = kGap + static_cast<int>(k) * (cell + kGap), top = kGap + static_cast<int>(r) * (cell + kGap);
      image.fill_rect(left, top, cell, cell, Rgb{255, 255, 255});
      image.blend(zoom(rows[r].glyphs[k]), left, top, kGlyph);
      image.blend(zoom(rows[r].written[k]), left, top, kWriting, 0.65f);
    }
  write_png(image, file);
}

}  // namespace ink::eval_tool
