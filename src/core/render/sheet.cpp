// render_stroke_sheet: layout, grid, strokes and numbers. All shapes go through the
// FreeType rasteriser (outlines for strokes and digits, stroker lines for the grid).
#include "ink/render/sheet.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "ink/raster/font.h"
#include "ink/raster/raster.h"
#include "render/sheet_colors.h"

namespace ink {
namespace {

using namespace sheet_colors;

class SheetPainter {
 public:
  SheetPainter(Image& image, int cell) : image_(image), cell_(cell), digits_(FontFace::open_family("DejaVu Sans")) {}

  void grid(int left, int top) {
    Coverage lines(cell_, cell_);
    const float c = static_cast<float>(cell_), w = std::max(1.0f, c / 128.0f);
    const Polyline border = {{0.5f, 0.5f}, {c - 0.5f, 0.5f}, {c - 0.5f, c - 0.5f}, {0.5f, c - 0.5f}, {0.5f, 0.5f}};
    rasterizer_.skeleton_px(border, w, 1, 1, lines);
    image_.blend(lines, left, top, kGrid);
    Coverage dashes(cell_, cell_);
    const Point guides[4][2] = {{{0, c / 2}, {c, c / 2}}, {{c / 2, 0}, {c / 2, c}}, {{0, 0}, {c, c}}, {{c, 0}, {0, c}}};
    for (const auto& g : guides) {
      const float dash = c / 24.0f;
      const float length = std::hypot(g[1].x - g[0].x, g[1].y - g[0].y);
      for (float s = 0; s + dash <= length; s += 2 * dash) {
        auto at = [&](float d) { return Point{g[0].x + (g[1].x - g[0].x) * d / length, g[0].y + (g[1].y - g[0].y) * d / length}; };
        rasterizer_.skeleton_px({at(s), at(s + dash)}, w * 0.8f, 1, 1, dashes);
      }
    }
    image_.blend(dashes, left, top, kGrid, 0.55f);
  }

  void stroke(const Stroke& s, int left, int top, Rgb color) {
    const BoxToPixels m = BoxToPixels::cell(0, 0, static_cast<float>(cell_), 0.06f);
    image_.blend(rasterizer_.fill(s.outline, m, cell_, cell_), left, top, color);
  }

  // The stroke number, centred a little before where the brush enters, kept inside the cell.
  void number(int value, const Stroke& s, int left, int top) {
    const BoxToPixels m = BoxToPixels::cell(0, 0, static_cast<float>(cell_), 0.06f);
    const Point start = m.apply(s.median.front());
    const Point next = m.apply(s.median.size() > 1 ? s.median[1] : s.median.front());
    float dx = next.x - start.x, dy = next.y - start.y;
    const float length = std::hypot(dx, dy);
    if (length > 0) dx /= length, dy /= length;
    const float height = cell_ * 0.16f;
    const std::string text = std::to_string(value);
    const float scale = height / 1024.0f / 0.73f;  // DejaVu digits are ~0.73 em tall
    float width = 0;
    for (char ch : text) width += digits_.advance(static_cast<unsigned char>(ch)) * scale;
    float cx = start.x - dx * height * 0.8f, cy = start.y - dy * height * 0.8f;
    cx = std::clamp(cx, width / 2 + 2, cell_ - width / 2 - 2);
    cy = std::clamp(cy, height / 2 + 2, cell_ - height / 2 - 2);

    Coverage glyphs(cell_, cell_);
    float pen = cx - width / 2;
    for (char ch : text) {
      const BoxToPixels at{scale, pen, cy + height / 2};
      rasterizer_.fill(digits_.glyph_outline(static_cast<unsigned char>(ch)), at, glyphs);
      pen += digits_.advance(static_cast<unsigned char>(ch)) * scale;
    }
    // A paper-coloured halo keeps the number legible where it crosses ink.
    for (int oy = -1; oy <= 1; ++oy)
      for (int ox = -1; ox <= 1; ++ox)
        if (ox || oy) image_.blend(glyphs, left + ox, top + oy, kPaper, 0.9f);
    image_.blend(glyphs, left, top, kVermilion);
  }

 private:
  Image& image_;
  int cell_;
  Rasterizer rasterizer_;
  FontFace digits_;
};

}  // namespace

Image render_stroke_sheet(const std::vector<Glyph>& glyphs, const SheetOptions& options) {
  const SheetLayout layout{options};
  const int cell = options.cell_px;
  int rows = 0, columns = 1;
  for (const Glyph& g : glyphs) {
    const int cells = static_cast<int>(g.strokes.size()) + 1;  // the model cell, then one per step
    columns = std::max(columns, std::min(cells, options.max_columns));
    rows += (cells + options.max_columns - 1) / options.max_columns;
  }
  const int width = layout.cell_left(columns) - layout.gap + layout.margin, height = layout.row_top(rows) - layout.gap + layout.margin;
  check_image_size(width, height, "a stroke-order sheet of " + std::to_string(glyphs.size()) + " characters");
  Image image(width, height, {255, 255, 255});
  SheetPainter paint(image, cell);

  int row = 0;
  for (const Glyph& g : glyphs) {
    const int n = static_cast<int>(g.strokes.size());
    for (int step = -1; step < n; ++step) {
      const int index = step + 1;
      const int left = layout.cell_left(index % options.max_columns);
      const int top = layout.row_top(row + index / options.max_columns);
      image.fill_rect(left, top, cell, cell, kPaper);
      paint.grid(left, top);
      // Faint strokes first, then the written ones, the new stroke last so nothing covers it.
      for (int k = step + 1; k < n && step >= 0; ++k) paint.stroke(g.strokes[k], left, top, kFaint);
      for (int k = 0; k < (step < 0 ? n : step); ++k) paint.stroke(g.strokes[k], left, top, kInk);
      if (step >= 0) paint.stroke(g.strokes[step], left, top, kVermilion);
      if (step >= 0) paint.number(step + 1, g.strokes[step], left, top);
    }
    row += (n + 1 + options.max_columns - 1) / options.max_columns;
  }
  return image;
}

}  // namespace ink
