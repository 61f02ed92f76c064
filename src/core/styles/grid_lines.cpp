// Printed pixels -> the turn whose projections are sharpest -> the solid lines in them.
#include "styles/grid_lines.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace ink::detail {
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
constexpr float kMinSideShare = 1.0f / 3;  // of the photo's shorter side: the least a square shows

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

// Every solid line, in order. Lines are found on counts summed over three bins, as a line a pixel
// or two wide falls into one bin or two by where it lies; each is the centroid of its run of
// bins, out to where they fall below a fifth of the peak.
std::vector<GridLine> solid_lines(const std::vector<float>& bins) {
  const int n = static_cast<int>(bins.size());
  std::vector<float> counts(bins.size());
  for (int i = 0; i < n; ++i) counts[i] = bins[i] + (i > 0 ? bins[i - 1] : 0) + (i + 1 < n ? bins[i + 1] : 0);
  std::vector<GridLine> lines;
  const float peak = *std::max_element(counts.begin(), counts.end());
  if (peak <= 0) return lines;
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
    if (sum > 0) lines.push_back({static_cast<float>(weighted / sum), static_cast<float>(std::max(1, last - first - 1))});  // less the summing's spread
  }
  return lines;
}

}  // namespace

float GridLines::u_of(float x, float y) const { return x * std::cos(turn) + y * std::sin(turn) + reach; }
float GridLines::v_of(float x, float y) const { return -x * std::sin(turn) + y * std::cos(turn) + reach; }

GridSquare GridLines::square(const GridLine& left, const GridLine& right, const GridLine& top, const GridLine& bottom) const {
  const float c = std::cos(turn), s = std::sin(turn);
  const float u = 0.5f * (left.middle + right.middle) - reach, v = 0.5f * (top.middle + bottom.middle) - reach;
  GridSquare square;
  square.centre_x = u * c - v * s, square.centre_y = u * s + v * c;
  square.side = 0.5f * ((right.middle - left.middle) + (bottom.middle - top.middle));
  square.rotation = turn;
  return square;
}

std::optional<GridLines> find_grid_lines(const Image& photo) {
  const std::vector<PrintedPixel> points = printed_pixels(photo);
  const float shorter = static_cast<float>(std::min(photo.width, photo.height));
  if (points.size() < 4 * kMinSideShare * shorter) return std::nullopt;  // not even one square's edges
  GridLines lines;
  lines.reach = std::hypot(static_cast<float>(photo.width), static_cast<float>(photo.height));
  std::vector<PrintedPixel> few;
  for (size_t i = 0, stride = std::max<size_t>(1, points.size() / kCoarsePoints); i < points.size(); i += stride) few.push_back(points[i]);
  float best_turn = 0, best = -1;
  for (float turn = -kMaxTurn; turn <= kMaxTurn + 1e-6f; turn += kCoarseStep) {
    const float sharpness = project(few, turn, lines.reach).sharpness;
    if (sharpness > best) best = sharpness, best_turn = turn;
  }
  const float coarse = best_turn;
  Projections p;
  p.sharpness = -1;  // the first fine turn is always kept
  for (float turn = coarse - kCoarseStep; turn <= coarse + kCoarseStep + 1e-6f; turn += kFineStep) {
    Projections at = project(points, turn, lines.reach);
    if (at.sharpness > p.sharpness) p = std::move(at), best_turn = turn;
  }
  lines.turn = best_turn;
  lines.columns = solid_lines(p.across_u);
  lines.rows = solid_lines(p.across_v);
  return lines;
}

}  // namespace ink::detail
