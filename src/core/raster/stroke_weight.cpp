// Widths from areas, and moving an edge by a signed distance field computed on a supersampled
// copy of the stroke's neighbourhood (exact Euclidean distances, Felzenszwalb and Huttenlocher).
#include "ink/raster/stroke_weight.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ink {
namespace {

constexpr int kSupersample = 4;
constexpr double kFar = 1e12;  // beyond any squared distance on a page, exact in a double

// Squared distance from each of n samples to the nearest site (f = 0 at sites, kFar elsewhere),
// in place: the lower envelope of the parabolas rooted at the samples. `v`, `z`: scratch.
void squared_distances_1d(double* f, int n, std::vector<double>& d, std::vector<int>& v, std::vector<double>& z) {
  const auto meet = [&](int q, int p) { return ((f[q] + double(q) * q) - (f[p] + double(p) * p)) / (2.0 * (q - p)); };
  int k = 0;
  v[0] = 0;
  z[0] = -std::numeric_limits<double>::infinity();
  z[1] = std::numeric_limits<double>::infinity();
  for (int q = 1; q < n; ++q) {
    double s = meet(q, v[k]);
    while (s <= z[k]) s = meet(q, v[--k]);
    v[++k] = q;
    z[k] = s;
    z[k + 1] = std::numeric_limits<double>::infinity();
  }
  k = 0;
  for (int q = 0; q < n; ++q) {
    while (z[k + 1] < q) ++k;
    const double dq = q - v[k];
    d[q] = dq * dq + f[v[k]];
  }
  std::copy(d.begin(), d.begin() + n, f);
}

// Squared distance of every sample of a w x h grid to the nearest sample where `site` is true.
std::vector<double> squared_distances(const std::vector<uint8_t>& site, int w, int h) {
  std::vector<double> grid(site.size());
  for (size_t i = 0; i < site.size(); ++i) grid[i] = site[i] ? 0.0 : kFar;
  const int n = std::max(w, h);
  std::vector<double> line(n), d(n), z(n + 1);
  std::vector<int> v(n);
  for (int y = 0; y < h; ++y) squared_distances_1d(&grid[static_cast<size_t>(y) * w], w, d, v, z);
  for (int x = 0; x < w; ++x) {
    for (int y = 0; y < h; ++y) line[y] = grid[static_cast<size_t>(y) * w + x];
    squared_distances_1d(line.data(), h, d, v, z);
    for (int y = 0; y < h; ++y) grid[static_cast<size_t>(y) * w + x] = line[y];
  }
  return grid;
}

float bilinear(const Coverage& c, float x, float y) {
  const float fx = std::clamp(x, 0.0f, static_cast<float>(c.width - 1));
  const float fy = std::clamp(y, 0.0f, static_cast<float>(c.height - 1));
  const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
  const int x1 = std::min(x0 + 1, c.width - 1), y1 = std::min(y0 + 1, c.height - 1);
  const float ax = fx - x0, ay = fy - y0;
  return (c.at(x0, y0) * (1 - ax) + c.at(x1, y0) * ax) * (1 - ay) + (c.at(x0, y1) * (1 - ax) + c.at(x1, y1) * ax) * ay;
}

}  // namespace

float band_width(float area, float length_px) {
  if (!(area > 0)) return 0;
  const float l = std::max(length_px, 0.0f);
  return (-l + std::sqrt(l * l + static_cast<float>(M_PI) * area)) / static_cast<float>(M_PI / 2);
}

float edge_offset_for(float written_width_px, float target_width_px) {
  const float offset = (target_width_px - written_width_px) / 2;
  return std::max(offset, -written_width_px / 6);
}

std::vector<float> median_lengths_px(const Glyph& glyph, int size) {
  const BoxToPixels to_pixels = BoxToPixels::square(static_cast<float>(size));
  std::vector<float> lengths;
  for (const Stroke& stroke : glyph.strokes) lengths.push_back(static_cast<float>(polyline_length(stroke.median)) * to_pixels.scale);
  return lengths;
}

float inked_area(const Coverage& ink) {
  return static_cast<float>(std::count_if(ink.values.begin(), ink.values.end(), [](float v) { return v >= 0.5f; }));
}

Coverage reweighted(const Coverage& written, float given_area, float length_px, float weight, bool even) {
  const float target = weight * band_width(given_area, length_px);
  const float offset = edge_offset_for(band_width(inked_area(written), length_px), target);
  if (even) return offset_edge(written, offset);
  return offset_edge(written, weight >= 1 ? std::max(offset, 0.0f) : std::min(offset, 0.0f));
}

Coverage offset_edge(const Coverage& ink, float offset_px) {
  if (!(std::fabs(offset_px) > 1e-3f) || ink.values.empty()) return ink;
  // The edge is the 0.5 contour, so the inked pixels bound where it can move. A written stroke's
  // faint coverage reaches the whole image: bounded by it, the distances would cost 2 ms a stroke.
  int left = ink.width, top = ink.height, right = -1, bottom = -1;
  for (int y = 0; y < ink.height; ++y)
    for (int x = 0; x < ink.width; ++x)
      if (ink.at(x, y) >= 0.5f) left = std::min(left, x), right = std::max(right, x), top = std::min(top, y), bottom = std::max(bottom, y);
  if (right < 0) return ink;
  // The neighbourhood the edge can reach, with a margin of paper so distances to it exist.
  const int pad = static_cast<int>(std::ceil(std::max(offset_px, 0.0f))) + 2;
  left = std::max(0, left - pad), top = std::max(0, top - pad);
  right = std::min(ink.width - 1, right + pad), bottom = std::min(ink.height - 1, bottom + pad);
  const int w = (right - left + 1) * kSupersample, h = (bottom - top + 1) * kSupersample;
  std::vector<uint8_t> inside(static_cast<size_t>(w) * h), outside(inside.size());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const float px = left + (x + 0.5f) / kSupersample - 0.5f, py = top + (y + 0.5f) / kSupersample - 0.5f;
      const bool in = bilinear(ink, px, py) >= 0.5f;
      inside[static_cast<size_t>(y) * w + x] = in;
      outside[static_cast<size_t>(y) * w + x] = !in;
    }
  const std::vector<double> to_inside = squared_distances(inside, w, h), to_outside = squared_distances(outside, w, h);
  const float reach = offset_px * kSupersample;
  Coverage out = ink;
  for (int y = top; y <= bottom; ++y)
    for (int x = left; x <= right; ++x) {
      float moved = 0, unmoved = 0;
      for (int sy = 0; sy < kSupersample; ++sy)
        for (int sx = 0; sx < kSupersample; ++sx) {
          const size_t i = static_cast<size_t>((y - top) * kSupersample + sy) * w + (x - left) * kSupersample + sx;
          // Signed distance to the edge (between samples), positive inside, in samples.
          const float signed_distance = inside[i] ? static_cast<float>(std::sqrt(to_outside[i])) - 0.5f
                                                 : 0.5f - static_cast<float>(std::sqrt(to_inside[i]));
          // Each sample a sample wide, so the edge moves smoothly rather than a sample at a time.
          moved += std::clamp(signed_distance + reach + 0.5f, 0.0f, 1.0f);
          unmoved += inside[i];
        }
      // The change the moved edge makes, on the ink's own values: the supersampled edge's
      // quantisation cancels, so a small move changes little, and texture away from the edge stays.
      const float change = (moved - unmoved) / (kSupersample * kSupersample);
      out.at(x, y) = std::clamp(ink.at(x, y) + change, 0.0f, 1.0f);
    }
  return out;
}

}  // namespace ink
