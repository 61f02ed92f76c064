// Layouts from splits, their mean, and moving a glyph's strokes by one.
#include "ink/alignment/layout.h"

#include <algorithm>
#include <cmath>

#include "base/median.h"
#include "ink/base/error.h"
#include "ink/raster/raster.h"
#include "ink/raster/stroke_weight.h"

namespace ink {
namespace {

// Reference-raster pixels (the fit's frame) per box unit.
constexpr float kRasterPerBox = static_cast<float>(kReferenceRaster) / kBoxSize;


// The glyph's ink centre in screen box units, as the fit measures it (the reference raster).
Point ink_centre(const Glyph& glyph) {
  Rasterizer rasterizer;
  const Point px = ink_moments(rasterizer.fill_glyph(glyph, kReferenceRaster)).centre;
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
    return median_of(std::move(values));
  };
  Layout typical;
  typical.shift = {median(nullptr, &Point::x), median(nullptr, &Point::y)};
  typical.scale_x = median(&Layout::scale_x, nullptr);
  typical.scale_y = median(&Layout::scale_y, nullptr);
  typical.rotation = median(&Layout::rotation, nullptr);
  return typical;
}

InkShape ink_shape(const Coverage& box_drawing) {
  const InkMoments m = ink_moments(box_drawing);
  const float box_per_pixel = kBoxSize / static_cast<float>(box_drawing.width);
  return {m.centre.x * box_per_pixel, m.centre.y * box_per_pixel, m.sigma_x * box_per_pixel, m.sigma_y * box_per_pixel};
}

LayoutRule fit_layout_rule(const std::vector<InkShape>& data, const std::vector<InkShape>& hand, float rotation, float prior) {
  if (data.size() != hand.size() || data.empty()) throw InkError("layout rule: needs the same characters' shapes, at least one");
  const double n = static_cast<double>(data.size());
  LayoutRule rule;
  rule.rotation = rotation;
  for (size_t i = 0; i < 4; ++i) {
    double mean_x = 0, mean_y = 0;
    for (size_t c = 0; c < data.size(); ++c) mean_x += data[c][i], mean_y += hand[c][i];
    mean_x /= n, mean_y /= n;
    double sxx = 0, sxy = 0;
    for (size_t c = 0; c < data.size(); ++c) {
      sxx += (data[c][i] - mean_x) * (data[c][i] - mean_x);
      sxy += (data[c][i] - mean_x) * (hand[c][i] - mean_y);
    }
    // Least squares with `prior` characters of typical spread saying the slope is 1.
    const double typical = sxx / n, pull = prior * typical;
    const double slope = sxx + pull > 0 ? (sxy + pull) / (sxx + pull) : 1.0;
    rule.slope[i] = static_cast<float>(slope);
    rule.intercept[i] = static_cast<float>(mean_y - slope * mean_x);
  }
  return rule;
}

Layout layout_by_rule(const LayoutRule& rule, const InkShape& data) {
  InkShape hand;
  for (size_t i = 0; i < 4; ++i) hand[i] = rule.slope[i] * data[i] + rule.intercept[i];
  Layout layout;
  layout.shift = {hand[0] - data[0], hand[1] - data[1]};
  layout.scale_x = data[2] > 0 && hand[2] > 0 ? hand[2] / data[2] : 1.0f;
  layout.scale_y = data[3] > 0 && hand[3] > 0 ? hand[3] / data[3] : 1.0f;
  layout.rotation = rule.rotation;
  return layout;
}

Layout scaled_layout(const Layout& layout, double strength) {
  const float s = static_cast<float>(strength);
  Layout out;
  out.shift = {layout.shift.x * s, layout.shift.y * s};
  out.scale_x = std::pow(layout.scale_x, s);
  out.scale_y = std::pow(layout.scale_y, s);
  out.rotation = layout.rotation * s;
  for (size_t k = 0; k < kStrokeKinds; ++k) out.tilts[k] = layout.tilts[k] * s;
  if (layout.weight) out.weight = std::pow(*layout.weight, s);
  out.stroke_forms = layout.stroke_forms;
  out.even_weight = layout.even_weight;
  return out;
}

std::vector<StrokeMove> scaled_moves(std::vector<StrokeMove> moves, double strength) {
  const float s = static_cast<float>(strength);
  for (StrokeMove& m : moves) {
    m.shift = {m.shift.x * s, m.shift.y * s};
    m.form = {m.form.stretch * s, m.form.turn * s, m.form.bend * s};
  }
  return moves;
}

Coverage fill_weighted(const Glyph& glyph, float weight, int size) {
  Rasterizer rasterizer;
  const BoxToPixels to_pixels = BoxToPixels::square(static_cast<float>(size));
  const std::vector<float> lengths = median_lengths_px(glyph, size);
  Coverage all(size, size);
  for (size_t k = 0; k < glyph.strokes.size(); ++k) {
    const Coverage own = rasterizer.fill(glyph.strokes[k].outline, to_pixels, size, size);
    all.max_with(reweighted(own, inked_area(own), lengths[k], weight));
  }
  return all;
}

namespace {

struct Bounds {
  float left = kBoxSize, right = 0, bottom = kBoxTop, top = kBoxTop - kBoxSize;  // empty
};

Bounds bounds_of(const Glyph& glyph) {
  Bounds b;
  for (const Stroke& s : glyph.strokes)
    for (const auto* points : {&s.outline.points, &s.median})
      for (const Point& p : *points)
        b.left = std::min(b.left, p.x), b.right = std::max(b.right, p.x), b.bottom = std::min(b.bottom, p.y), b.top = std::max(b.top, p.y);
  return b;
}

// Moves (and if need be shrinks, about its middle) every point of the glyph into `room`.
bool clamp_into(Glyph& glyph, const Bounds& room) {
  const Bounds b = bounds_of(glyph);
  if (b.left >= room.left && b.right <= room.right && b.bottom >= room.bottom && b.top <= room.top) return false;
  const float width = room.right - room.left, height = room.top - room.bottom;
  const float shrink = std::min({1.0f, width / std::max(b.right - b.left, 1e-3f), height / std::max(b.top - b.bottom, 1e-3f)});
  const Point middle{(b.left + b.right) / 2, (b.bottom + b.top) / 2};
  const float half_w = (b.right - b.left) / 2 * shrink, half_h = (b.top - b.bottom) / 2 * shrink;
  const Point target{std::clamp(middle.x, room.left + half_w, room.right - half_w),
                     std::clamp(middle.y, room.bottom + half_h, room.top - half_h)};
  for (Stroke& s : glyph.strokes)
    for (auto* points : {&s.outline.points, &s.median})
      for (Point& p : *points) p = {target.x + (p.x - middle.x) * shrink, target.y + (p.y - middle.y) * shrink};
  return true;
}

}  // namespace

Point place_point(Point screen, Point centre, const Layout& layout, Point shift) {
  const float cos_r = std::cos(layout.rotation), sin_r = std::sin(layout.rotation);
  const float u = (screen.x + shift.x - centre.x) * layout.scale_x, v = (screen.y + shift.y - centre.y) * layout.scale_y;
  return {centre.x + layout.shift.x + cos_r * u - sin_r * v, centre.y + layout.shift.y + sin_r * u + cos_r * v};
}

Glyph apply_layout(const Glyph& glyph, const Layout& layout, const std::vector<StrokeMove>& moves, bool* clamped) {
  if (!moves.empty() && moves.size() != glyph.strokes.size())
    throw InkError("layout: " + std::to_string(moves.size()) + " stroke moves for a character of " + std::to_string(glyph.strokes.size()) +
                   " strokes");
  const Point c = ink_centre(glyph);
  // A form turns and stretches about the middle of the stroke's chord, as a tilt turns: the two
  // commute, and the tilt's kind is the data's stroke's.
  Glyph out = is_identity(layout.tilts) ? glyph : apply_stroke_tilts(glyph, layout.tilts);
  for (size_t k = 0; k < out.strokes.size(); ++k) {
    const StrokeMove move = moves.empty() ? StrokeMove{} : moves[k];
    out.strokes[k] = apply_stroke_form(out.strokes[k], move.form);
    const auto place = [&](Point& p) { p = to_box(place_point(to_screen(p), c, layout, move.shift)); };
    for (Point& p : out.strokes[k].outline.points) place(p);
    for (Point& p : out.strokes[k].median) place(p);
  }
  // The room is the box, or more where the data's own strokes already reach past it.
  Bounds room = bounds_of(glyph);
  room.left = std::min(room.left, 0.0f), room.right = std::max(room.right, kBoxSize);
  room.bottom = std::min(room.bottom, kBoxTop - kBoxSize), room.top = std::max(room.top, kBoxTop);
  const bool moved_back = clamp_into(out, room);
  if (clamped) *clamped = moved_back;
  return out;
}

}  // namespace ink
