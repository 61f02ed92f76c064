// Bilinear reading of a coverage map at a continuous position, shared by the stroke split and
// its per-stroke settling. Internal to src/core.
#pragma once
#include <cmath>

#include "ink/raster.h"

namespace ink {

// Pixel centres sit at +0.5; outside the map is bare paper (0).
inline float sample_bilinear(const Coverage& c, Point p) {
  const float fx = p.x - 0.5f, fy = p.y - 0.5f;
  const int x0 = static_cast<int>(std::floor(fx)), y0 = static_cast<int>(std::floor(fy));
  const float tx = fx - x0, ty = fy - y0;
  auto at = [&](int x, int y) { return x < 0 || y < 0 || x >= c.width || y >= c.height ? 0.0f : c.at(x, y); };
  return (at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx) * (1 - ty) + (at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx) * ty;
}

}  // namespace ink
