// find_grid_square: the coloured pixels' projections, searched over turns for the sharpest; the
// solid lines nearest the photo's middle on each side are the square's edges. cut_grid_square:
// resampled upright.
#include "ink/styles/grid_square.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

namespace ink {
namespace {

constexpr float kMaxTurn = 8 * 3.14159265f / 180;  // a photo turned further is retaken, not searched
constexpr float kCoarseStep = 0.25f * 3.14159265f / 180;
constexpr float kFineStep = 0.05f * 3.14159265f / 180;
constexpr int kMinChroma = 50;            // of 255: printed colour, past paper tints and sensor noise
constexpr float kMaxPrintedShare = 0.3f;  // more coloured than this is coloured paper, not a grid
constexpr size_t kMaxPoints = 200000;     // coloured pixels projected, a stride through larger sets
constexpr size_t kCoarsePoints = 5000;    // enough for the coarse turn search; the fine one takes all
// A solid line's bins reach this share of the tallest; a dashed middle line (half inked) does not.
constexpr float kSolidLine = 0.7f;
constexpr float kMaxLineWidth = 0.06f;    // of the square's side
constexpr float kMinSideShare = 1.0f / 3;  // of the photo's shorter side
constexpr float kMaxOblong = 0.1f;

struct PrintedPixel {
  float x, y;
};

std::vector<PrintedPixel> printed_pixels(const Image& photo) {
  std::array<size_t, 256> chroma_count{};
  const size_t n = static_cast<size_t>(photo.width) * photo.height;
  auto chroma = [&](size_t i) {
    const uint8_t* p = &photo.pixels[i * 3];
    return std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]});
  };
  for (size_t i = 0; i < n; ++i) ++chroma_count[chroma(i)];
  // The paper's own tint: the median chroma, the paper being most of the photo.
  size_t seen = 0;
  int paper = 0;
  while (paper < 255 && (seen += chroma_count[paper]) < n / 2) ++paper;
  const int cut = std::max(kMinChroma, paper + 40);
  std::vector<PrintedPixel> points;
  size_t printed = 0;
  for (int c = cut; c < 256; ++c) printed += chroma_count[c];
  if (printed > kMaxPrintedShare * n) return points;
  const size_t stride = std::max<size_t>(1, printed / kMaxPoints);
  size_t k = 0;
  for (int y = 0; y < photo.height; ++y)
    for (int x = 0; x < photo.width; ++x)
      if (chroma(static_cast<size_t>(y) * photo.width + x) >= cut && k++ % stride == 0)
        points.push_back({static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f});
  return points;
}

// The points' projections along the turned frame's two axes, 1 px bins from -reach.
struct Projections {
  std::vector<float> across_u, across_v;  // counts at each u (columns) and each v (rows)
  float sharpness = 0;                     // sum of squared counts: straight lines pile up
};

Projections project(const std::vector<PrintedPixel>& points, float turn, float reach) {
  Projections p;
  const int bins = static_cast<int>(2 * reach) + 1;
  p.across_u.assign(bins, 0), p.across_v.assign(bins, 0);
  const float c = std::cos(turn), s = std::sin(turn);
  for (const PrintedPixel& q : points) {
    const int u = static_cast<int>(q.x * c + q.y * s + reach), v = static_cast<int>(-q.x * s + q.y * c + reach);
    if (u >= 0 && u < bins) p.across_u[u] += 1;
    if (v >= 0 && v < bins) p.across_v[v] += 1;
  }
  for (float h : p.across_u) p.sharpness += h * h;
  for (float h : p.across_v) p.sharpness += h * h;
  return p;
}

struct Line {
  float middle = 0, width = 0;
};

// The nearest solid line before `middle` (the bin the photo's middle falls in) and the nearest
// after it: the edges of the square the photo was taken of, whatever of its neighbours it shows.
// Lines are found on counts summed over three bins, as a line a pixel or two wide falls into one
// bin or two by where it lies; each is the centroid of its run of bins, out to where they fall
// below a fifth of the peak.
std::optional<std::pair<Line, Line>> lines_around(const std::vector<float>& bins, float middle) {
  const int n = static_cast<int>(bins.size());
  std::vector<float> counts(bins.size());
  for (int i = 0; i < n; ++i) counts[i] = bins[i] + (i > 0 ? bins[i - 1] : 0) + (i + 1 < n ? bins[i + 1] : 0);
  const float peak = *std::max_element(counts.begin(), counts.end());
  if (peak <= 0) return std::nullopt;
  std::optional<Line> before, after;
  for (int i = 0; i < n;) {
    if (counts[i] < kSolidLine * peak) {
      ++i;
      continue;
    }
    int first = i, last = i;
    while (first > 0 && counts[first - 1] >= 0.2f * peak) --first;
    while (last < n - 1 && counts[last + 1] >= 0.2f * peak) ++last;
    double sum = 0, weighted = 0;
    for (int k = first; k <= last; ++k) sum += bins[k], weighted += (k + 0.5) * bins[k];
    i = last + 1;
    if (sum <= 0) continue;
    const Line line{static_cast<float>(weighted / sum), static_cast<float>(std::max(1, last - first - 1))};  // less the summing's spread
    if (line.middle < middle) before = line;
    else if (!after) after = line;
  }
  if (!before || !after) return std::nullopt;
  return std::pair{*before, *after};
}

}  // namespace

std::optional<GridSquare> find_grid_square(const Image& photo) {
  const std::vector<PrintedPixel> points = printed_pixels(photo);
  const float shorter = static_cast<float>(std::min(photo.width, photo.height));
  if (points.size() < 4 * kMinSideShare * shorter) return std::nullopt;  // not even one square's edges
  const float reach = std::hypot(static_cast<float>(photo.width), static_cast<float>(photo.height));
  std::vector<PrintedPixel> few;
  for (size_t i = 0, stride = std::max<size_t>(1, points.size() / kCoarsePoints); i < points.size(); i += stride) few.push_back(points[i]);
  float best_turn = 0, best = -1;
  for (float turn = -kMaxTurn; turn <= kMaxTurn + 1e-6f; turn += kCoarseStep) {
    const float sharpness = project(few, turn, reach).sharpness;
    if (sharpness > best) best = sharpness, best_turn = turn;
  }
  const float coarse = best_turn;
  Projections p;
  p.sharpness = -1;  // the first fine turn is always kept
  for (float turn = coarse - kCoarseStep; turn <= coarse + kCoarseStep + 1e-6f; turn += kFineStep) {
    Projections at = project(points, turn, reach);
    if (at.sharpness > p.sharpness) p = std::move(at), best_turn = turn;
  }
  const float c = std::cos(best_turn), s = std::sin(best_turn);
  const float middle_x = 0.5f * photo.width, middle_y = 0.5f * photo.height;
  const auto columns = lines_around(p.across_u, middle_x * c + middle_y * s + reach);
  const auto rows = lines_around(p.across_v, -middle_x * s + middle_y * c + reach);
  if (!columns || !rows) return std::nullopt;
  const auto& [left, right] = *columns;
  const auto& [top, bottom] = *rows;
  const float width = right.middle - left.middle, height = bottom.middle - top.middle;
  const float side = std::max(width, height);
  if (std::min(width, height) < kMinSideShare * shorter || std::fabs(width - height) > kMaxOblong * side) return std::nullopt;
  for (const Line& line : {left, right, top, bottom})
    if (line.width > kMaxLineWidth * side) return std::nullopt;  // a band of colour, not a printed line
  const float u = 0.5f * (left.middle + right.middle) - reach, v = 0.5f * (top.middle + bottom.middle) - reach;
  GridSquare square;
  square.centre_x = u * c - v * s, square.centre_y = u * s + v * c;
  square.side = 0.5f * (width + height);
  square.rotation = best_turn;
  return square;
}

Image cut_grid_square(const Image& photo, const GridSquare& square, int max_side) {
  const int out_side = std::clamp(static_cast<int>(std::lround(square.side)), 8, std::max(8, max_side));
  Image out(out_side, out_side, Rgb{255, 255, 255});
  const float c = std::cos(square.rotation), s = std::sin(square.rotation), pixel = square.side / out_side;
  auto bright = [&](int x, int y) {
    x = std::clamp(x, 0, photo.width - 1), y = std::clamp(y, 0, photo.height - 1);
    const uint8_t* p = &photo.pixels[(static_cast<size_t>(y) * photo.width + x) * 3];
    return static_cast<float>(std::max({p[0], p[1], p[2]}));
  };
  for (int j = 0; j < out_side; ++j)
    for (int i = 0; i < out_side; ++i) {
      const float u = (i + 0.5f - 0.5f * out_side) * pixel, v = (j + 0.5f - 0.5f * out_side) * pixel;
      const float x = square.centre_x + u * c - v * s - 0.5f, y = square.centre_y + u * s + v * c - 0.5f;
      const int x0 = static_cast<int>(std::floor(x)), y0 = static_cast<int>(std::floor(y));
      const float tx = x - x0, ty = y - y0;
      const float value = (bright(x0, y0) * (1 - tx) + bright(x0 + 1, y0) * tx) * (1 - ty) +
                          (bright(x0, y0 + 1) * (1 - tx) + bright(x0 + 1, y0 + 1) * tx) * ty;
      const uint8_t grey = static_cast<uint8_t>(std::clamp(value + 0.5f, 0.0f, 255.0f));
      uint8_t* q = &out.pixels[(static_cast<size_t>(j) * out_side + i) * 3];
      q[0] = q[1] = q[2] = grey;
    }
  return out;
}

}  // namespace ink
