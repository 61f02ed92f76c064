// settle_strokes: ink weighted by a signed depth map of the reference stroke (inside: distance
// to its edge; outside: minus the distance to it, capped), maximised over whole-pixel shifts.
// Depth rather than overlap because a thin stroke anywhere inside a thick one overlaps it
// fully; depth puts it in the middle, and a thick one evenly over a thin one.
#include "alignment/stroke_settling.h"

#include <algorithm>
#include <cmath>

namespace ink {
namespace {

constexpr float kOutsideCap = 8.0f;  // far misses all cost the same: a stray tail must not drag
constexpr float kInkFloor = 0.05f;

// Two-pass chamfer distance (1, sqrt 2) to the nearest pixel outside `mask`; 0 outside it.
std::vector<float> distance_inside(const std::vector<uint8_t>& mask, int w, int h) {
  const float diagonal = 1.41421356f;
  std::vector<float> d(mask.size());
  for (size_t i = 0; i < mask.size(); ++i) d[i] = mask[i] ? 1e9f : 0.0f;
  auto at = [&](int x, int y) { return x < 0 || y < 0 || x >= w || y >= h ? 0.0f : d[static_cast<size_t>(y) * w + x]; };
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      float& v = d[static_cast<size_t>(y) * w + x];
      if (v == 0) continue;
      v = std::min({v, at(x - 1, y) + 1, at(x, y - 1) + 1, at(x - 1, y - 1) + diagonal, at(x + 1, y - 1) + diagonal});
    }
  for (int y = h - 1; y >= 0; --y)
    for (int x = w - 1; x >= 0; --x) {
      float& v = d[static_cast<size_t>(y) * w + x];
      if (v == 0) continue;
      v = std::min({v, at(x + 1, y) + 1, at(x, y + 1) + 1, at(x + 1, y + 1) + diagonal, at(x - 1, y + 1) + diagonal});
    }
  return d;
}

std::vector<float> signed_depth(const Coverage& stroke) {
  std::vector<uint8_t> inside(stroke.values.size()), outside(stroke.values.size());
  for (size_t i = 0; i < stroke.values.size(); ++i) inside[i] = stroke.values[i] >= 0.5f, outside[i] = !inside[i];
  const std::vector<float> in = distance_inside(inside, stroke.width, stroke.height);
  const std::vector<float> out = distance_inside(outside, stroke.width, stroke.height);
  std::vector<float> depth(in.size());
  for (size_t i = 0; i < in.size(); ++i) depth[i] = inside[i] ? in[i] : -std::min(out[i], kOutsideCap);
  return depth;
}

struct InkPixel {
  int x, y;
  float value;
};

Point settle_one(const Coverage& carried, const Coverage& reference) {
  std::vector<InkPixel> ink;
  for (int y = 0; y < carried.height; ++y)
    for (int x = 0; x < carried.width; ++x)
      if (carried.at(x, y) >= kInkFloor) ink.push_back({x, y, carried.at(x, y)});
  if (ink.empty()) return {};
  const std::vector<float> depth = signed_depth(reference);
  const int w = reference.width, h = reference.height;
  auto score = [&](int dx, int dy) {
    double sum = 0;
    for (const InkPixel& p : ink) {
      const int x = p.x + dx, y = p.y + dy;
      sum += p.value * (x < 0 || y < 0 || x >= w || y >= h ? -kOutsideCap : depth[static_cast<size_t>(y) * w + x]);
    }
    return sum;
  };
  int bx = 0, by = 0;
  double best = score(0, 0);
  for (int step : {4, 2, 1}) {
    for (bool improved = true; improved;) {
      improved = false;
      for (int dy = -step; dy <= step; dy += step)
        for (int dx = -step; dx <= step; dx += step) {
          const int x = bx + dx, y = by + dy;
          if ((!dx && !dy) || std::abs(x) > kMaxStrokeOffset || std::abs(y) > kMaxStrokeOffset) continue;
          const double s = score(x, y);
          if (s > best) best = s, bx = x, by = y, improved = true;
        }
    }
  }
  return {static_cast<float>(bx), static_cast<float>(by)};
}

}  // namespace

std::vector<Point> settle_strokes(const std::vector<Coverage>& carried, const std::vector<Coverage>& reference) {
  std::vector<Point> offsets;
  for (size_t k = 0; k < carried.size() && k < reference.size(); ++k) offsets.push_back(settle_one(carried[k], reference[k]));
  return offsets;
}

}  // namespace ink
