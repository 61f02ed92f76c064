// Layouts from splits, their mean, and moving a glyph's strokes by one.
#include "ink/alignment/layout.h"

#include <algorithm>
#include <cmath>

#include "ink/base/error.h"
#include "ink/raster/raster.h"

namespace ink {
namespace {

// Reference-raster pixels (the fit's frame) per box unit.
constexpr float kRasterPerBox = static_cast<float>(kReferenceRaster) / kBoxSize;

Point to_screen(Point box) { return {box.x, kBoxTop - box.y}; }
Point to_box(Point screen) { return {screen.x, kBoxTop - screen.y}; }

// The glyph's ink centre in screen box units, as the fit measures it (the reference raster).
Point ink_centre(const Glyph& glyph) {
  Rasterizer rasterizer;
  const BoxToPixels to_raster = BoxToPixels::square(static_cast<float>(kReferenceRaster));
  Coverage ink(kReferenceRaster, kReferenceRaster);
  for (const Stroke& stroke : glyph.strokes) rasterizer.fill(stroke.outline, to_raster, ink);
  const Point px = ink_moments(ink).centre;
  return {px.x / kRasterPerBox, px.y / kRasterPerBox};
}

}  // namespace

Layout layout_of_fit(const Alignment& fit, int image_size) {
  // image px = image_centre + shift + R S (ref px - ref_centre); both frames are the box scaled.
  const float image_per_box = static_cast<float>(image_size) / kBoxSize;
  Layout layout;
  layout.scale_x = fit.scale_x * kRasterPerBox / image_per_box;
  layout.scale_y = fit.scale_y * kRasterPerBox / image_per_box;
  layout.rotation = fit.rotation;
  layout.shift = {(fit.image_centre.x + fit.shift.x) / image_per_box - fit.ref_centre.x / kRasterPerBox,
                  (fit.image_centre.y + fit.shift.y) / image_per_box - fit.ref_centre.y / kRasterPerBox};
  return layout;
}

std::vector<Point> stroke_shifts_of(const StrokeSplit& split) {
  // A carried-back stroke samples the image at to_image(p - offset): the font drew it `offset`
  // (reference pixels) before the fit away from where the data's stroke is.
  std::vector<Point> shifts;
  for (const Point& offset : split.stroke_offsets) shifts.push_back({-offset.x / kRasterPerBox, -offset.y / kRasterPerBox});
  return shifts;
}

Layout typical_layout(const std::vector<Layout>& layouts) {
  if (layouts.empty()) return {};
  const auto median = [&](float Layout::*scalar, float Point::*coordinate) {
    std::vector<float> values;
    for (const Layout& l : layouts) values.push_back(scalar ? l.*scalar : l.shift.*coordinate);
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
  };
  Layout typical;
  typical.shift = {median(nullptr, &Point::x), median(nullptr, &Point::y)};
  typical.scale_x = median(&Layout::scale_x, nullptr);
  typical.scale_y = median(&Layout::scale_y, nullptr);
  typical.rotation = median(&Layout::rotation, nullptr);
  return typical;
}

Glyph apply_layout(const Glyph& glyph, const Layout& layout, const std::vector<Point>& stroke_shifts) {
  if (!stroke_shifts.empty() && stroke_shifts.size() != glyph.strokes.size())
    throw InkError("layout: " + std::to_string(stroke_shifts.size()) + " stroke shifts for a character of " +
                   std::to_string(glyph.strokes.size()) + " strokes");
  const Point c = ink_centre(glyph);
  const float cos_r = std::cos(layout.rotation), sin_r = std::sin(layout.rotation);
  Glyph out = glyph;
  for (size_t k = 0; k < out.strokes.size(); ++k) {
    const Point moved = stroke_shifts.empty() ? Point{} : stroke_shifts[k];
    const auto place = [&](Point& p) {
      const Point s = to_screen(p);
      const float u = (s.x + moved.x - c.x) * layout.scale_x, v = (s.y + moved.y - c.y) * layout.scale_y;
      p = to_box({c.x + layout.shift.x + cos_r * u - sin_r * v, c.y + layout.shift.y + sin_r * u + cos_r * v});
    };
    for (Point& p : out.strokes[k].outline.points) place(p);
    for (Point& p : out.strokes[k].median) place(p);
  }
  return out;
}

}  // namespace ink
