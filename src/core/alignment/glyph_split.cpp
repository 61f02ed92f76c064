// Nearest-median split: distance from each pixel centre to each median polyline.
#include "ink/alignment/glyph_split.h"

#include <cmath>
#include <limits>

namespace ink {
namespace {

float distance_to_segment(Point p, Point a, Point b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float length2 = dx * dx + dy * dy;
  float t = length2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0.0f;
  t = std::fmax(0.0f, std::fmin(1.0f, t));
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

float distance_to_polyline(Point p, const Polyline& line) {
  if (line.size() == 1) return std::hypot(p.x - line[0].x, p.y - line[0].y);
  float best = std::numeric_limits<float>::max();
  for (size_t i = 1; i < line.size(); ++i) best = std::fmin(best, distance_to_segment(p, line[i - 1], line[i]));
  return best;
}

}  // namespace

std::vector<Coverage> split_glyph_by_medians(const Coverage& glyph, const std::vector<Polyline>& medians) {
  const BoxToPixels to_pixels = BoxToPixels::square(static_cast<float>(glyph.width));
  std::vector<Polyline> paths;
  for (const Polyline& median : medians) {
    Polyline path;
    for (const Point& p : median) path.push_back(to_pixels.apply(p));
    paths.push_back(std::move(path));
  }
  std::vector<Coverage> strokes(medians.size(), Coverage(glyph.width, glyph.height));
  if (paths.empty()) return strokes;
  std::vector<int> owner(glyph.values.size(), -1);
  for (int y = 0; y < glyph.height; ++y)
    for (int x = 0; x < glyph.width; ++x) {
      if (glyph.at(x, y) <= 0.0f) continue;
      float best = std::numeric_limits<float>::max();
      for (size_t k = 0; k < paths.size(); ++k) {
        if (paths[k].empty()) continue;
        const float d = distance_to_polyline(Point{x + 0.5f, y + 0.5f}, paths[k]);
        if (d < best) best = d, owner[static_cast<size_t>(y) * glyph.width + x] = static_cast<int>(k);
      }
    }
  // Each stroke also takes the ink pixels next to its own, so neighbouring strokes overlap by a
  // pixel along the cut: upsampled separately, two hard-cut halves would leave a pale seam.
  for (int y = 0; y < glyph.height; ++y)
    for (int x = 0; x < glyph.width; ++x) {
      const float value = glyph.at(x, y);
      if (value <= 0.0f) continue;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= glyph.width || ny >= glyph.height) continue;
          const int k = owner[static_cast<size_t>(ny) * glyph.width + nx];
          if (k >= 0) strokes[k].at(x, y) = value;
        }
    }
  return strokes;
}

}  // namespace ink
