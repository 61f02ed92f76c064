// Stroke kinds from medians, stroke tilts from a split's second moments, and turning strokes by them.
#include "ink/alignment/stroke_tilt.h"

#include <algorithm>
#include <cmath>

#include "base/median.h"

namespace ink {
namespace {

constexpr float kPi = 3.14159265f;
constexpr float kDotLength = 120;       // box units: a median shorter than this is a dot
constexpr float kTurn = 70 * kPi / 180;  // a bend sharper than this makes a turning stroke
constexpr float kMinElongation = 2.0f;   // major over minor spread, below which a direction is noise

const char* const kNames[kStrokeKinds] = {"dot", "horizontal", "vertical", "left-falling", "right-falling", "rising", "turning"};

// The sharpest bend between two parts of the median that are each a sixth of it or more.
float sharpest_bend(const Polyline& line, float total) {
  float sharpest = 0, before = 0;
  for (size_t i = 1; i + 1 < line.size(); ++i) {
    const Point a{line[i].x - line[i - 1].x, line[i].y - line[i - 1].y};
    const Point b{line[i + 1].x - line[i].x, line[i + 1].y - line[i].y};
    before += std::hypot(a.x, a.y);
    if (before < total / 6 || total - before < total / 6) continue;
    const float bend = std::fabs(std::atan2(a.x * b.y - a.y * b.x, a.x * b.x + a.y * b.y));
    sharpest = std::max(sharpest, bend);
  }
  return sharpest;
}

// A coverage's principal axis (image pixels, y down): angle of the major axis and the variances.
struct Axis {
  float angle = 0, major = 0, minor = 0;
  bool clear() const { return minor > 0 && major >= kMinElongation * kMinElongation * minor; }
};

Axis principal_axis(const Coverage& c) {
  const InkMoments m = ink_moments(c);
  if (m.mass <= 0) return {};
  const double xx = double{m.sigma_x} * m.sigma_x, yy = double{m.sigma_y} * m.sigma_y, xy = m.covariance_xy;
  const double mid = (xx + yy) / 2, spread = std::sqrt((xx - yy) * (xx - yy) / 4 + xy * xy);
  return {static_cast<float>(0.5 * std::atan2(2 * xy, xx - yy)), static_cast<float>(mid + spread), static_cast<float>(mid - spread)};
}

// An axis has no head: the difference of two axes' angles, folded into (-90, 90] degrees.
float axis_difference(float a, float b) {
  float d = a - b;
  while (d > kPi / 2) d -= kPi;
  while (d <= -kPi / 2) d += kPi;
  return d;
}

}  // namespace

StrokeKind stroke_kind(const Polyline& median) {
  if (median.size() < 2) return StrokeKind::dot;
  const float total = static_cast<float>(polyline_length(median));
  if (total < kDotLength) return StrokeKind::dot;
  if (sharpest_bend(median, total) > kTurn) return StrokeKind::turning;
  const Point from = to_screen(median.front()), to = to_screen(median.back());
  const float degrees = std::atan2(to.y - from.y, to.x - from.x) * 180 / kPi;  // y down: 90 is straight down
  if (degrees > -25 && degrees <= 25) return StrokeKind::horizontal;
  if (degrees > 25 && degrees <= 65) return StrokeKind::right_falling;
  if (degrees > 65 && degrees <= 110) return StrokeKind::vertical;
  if (degrees > 110 || degrees <= -160) return StrokeKind::left_falling;
  if (degrees > -80) return StrokeKind::rising;
  return StrokeKind::vertical;  // written upwards: rare, and closest to a vertical
}

const char* stroke_kind_name(StrokeKind kind) { return kNames[static_cast<size_t>(kind)]; }

std::optional<StrokeKind> stroke_kind_named(const std::string& name) {
  for (size_t k = 0; k < kStrokeKinds; ++k)
    if (name == kNames[k]) return static_cast<StrokeKind>(k);
  return std::nullopt;
}

bool is_identity(const StrokeTilts& tilts) {
  return std::all_of(tilts.begin(), tilts.end(), [](float t) { return t == 0; });
}

std::vector<MeasuredTilt> measure_stroke_tilts(const StrokeSplit& split, const Glyph& reference) {
  if (split.strokes.empty()) return {};
  const std::vector<Coverage> laid =
      aligned_reference_strokes(reference, split.alignment, split.strokes.front().width, split.strokes.front().height);
  std::vector<MeasuredTilt> measured;
  for (size_t k = 0; k < reference.strokes.size() && k < split.strokes.size(); ++k) {
    const Axis data = principal_axis(laid[k]), hand = principal_axis(split.strokes[k]);
    if (!data.clear() || !hand.clear()) continue;
    const float tilt = axis_difference(hand.angle, data.angle);
    if (std::fabs(tilt) <= kPi / 4) measured.push_back({stroke_kind(reference.strokes[k].median), tilt});
  }
  return measured;
}

StrokeTilts typical_stroke_tilts(const std::vector<MeasuredTilt>& measured, float prior) {
  StrokeTilts tilts{};
  for (size_t k = 0; k < kStrokeKinds; ++k) {
    std::vector<float> seen;
    for (const MeasuredTilt& m : measured)
      if (static_cast<size_t>(m.kind) == k) seen.push_back(m.tilt);
    if (seen.empty()) continue;
    const float n = static_cast<float>(seen.size());
    tilts[k] = n / (n + prior) * median_of(seen);
  }
  return tilts;
}

Glyph apply_stroke_tilts(const Glyph& glyph, const StrokeTilts& tilts) {
  Glyph out = glyph;
  for (Stroke& stroke : out.strokes) {
    if (stroke.median.empty()) continue;
    const float tilt = tilts[static_cast<size_t>(stroke_kind(stroke.median))];
    if (tilt == 0) continue;
    // On screen (y down), about the middle of the median's first and last points.
    const Point from = to_screen(stroke.median.front()), to = to_screen(stroke.median.back());
    const Point middle{(from.x + to.x) / 2, (from.y + to.y) / 2};
    const float cos_t = std::cos(tilt), sin_t = std::sin(tilt);
    const auto turn = [&](Point& p) {
      const Point s = to_screen(p);
      const Point q{s.x - middle.x, s.y - middle.y};
      p = to_box({middle.x + cos_t * q.x - sin_t * q.y, middle.y + sin_t * q.x + cos_t * q.y});
    };
    for (Point& p : stroke.outline.points) turn(p);
    for (Point& p : stroke.median) turn(p);
  }
  return out;
}

}  // namespace ink
