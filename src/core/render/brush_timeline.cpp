// BrushTimeline: per-stroke ink pixels with their arc fraction, timed like Hanzi Writer, and the
// darkness of the page at any moment (revealed ink, wetter when fresh, and the brush tip).
#include "ink/render/brush_timeline.h"

#include <algorithm>
#include <cmath>

#include "ink/base/error.h"

namespace ink {
namespace {

float smoothstep(float edge0, float edge1, float x) {
  const float t = std::clamp((x - edge0) / (edge1 - edge0), 0.0f, 1.0f);
  return t * t * (3 - 2 * t);
}

Point point_at_fraction(const Polyline& line, double fraction) {
  if (line.size() == 1) return line.front();
  const double target = std::clamp(fraction, 0.0, 1.0) * polyline_length(line);
  double walked = 0;
  for (size_t i = 1; i < line.size(); ++i) {
    const double seg = std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
    if (walked + seg >= target && seg > 0) {
      const float u = static_cast<float>((target - walked) / seg);
      return {line[i - 1].x + u * (line[i].x - line[i - 1].x), line[i - 1].y + u * (line[i].y - line[i - 1].y)};
    }
    walked += seg;
  }
  return line.back();
}

}  // namespace

double stroke_animation_seconds(double length, double speed) { return (length + 600.0) / (3.0 * speed) / 1000.0; }

BrushTimeline::BrushTimeline(const std::vector<Coverage>& strokes, const std::vector<Polyline>& medians, int display_size,
                             TimelineOptions options)
    : size_(display_size), options_(options), final_(display_size, display_size) {
  if (strokes.size() != medians.size())
    throw InkError("brush timeline: " + std::to_string(strokes.size()) + " strokes but " + std::to_string(medians.size()) + " medians");
  if (display_size < 8 || display_size > 4096) throw InkError("display size " + std::to_string(display_size) + " out of range (8..4096)");
  if (options.speed <= 0) throw InkError("animation speed must be positive");
  const BoxToPixels to_pixels = BoxToPixels::square(static_cast<float>(display_size));
  double clock = 0;
  for (size_t k = 0; k < strokes.size(); ++k) {
    Polyline path;
    for (const Point& p : medians[k]) path.push_back(to_pixels.apply(p));
    if (path.empty()) throw InkError("brush timeline: stroke " + std::to_string(k + 1) + " has no median");
    const Coverage display = upsample_coverage(strokes[k], display_size);
    std::vector<InkPixel> ink;
    double area = 0;
    for (int y = 0; y < display_size; ++y)
      for (int x = 0; x < display_size; ++x) {
        const float c = display.at(x, y);
        if (c <= 0.0f) continue;
        ink.push_back({y * display_size + x, c, arc_fraction_nearest(path, Point{x + 0.5f, y + 0.5f})});
        area += c;
      }
    final_.max_with(display);
    const double length_px = std::max(1.0, polyline_length(path));
    widths_.push_back(static_cast<float>(area / length_px));
    pixels_.push_back(std::move(ink));
    paths_.push_back(std::move(path));
    const double duration = stroke_animation_seconds(polyline_length(medians[k]), options.speed);
    if (k > 0) clock += options.delay_between_strokes / options.speed;
    timings_.push_back({clock, duration});
    clock += duration;
  }
}

double BrushTimeline::duration() const { return timings_.empty() ? 0.0 : timings_.back().start + timings_.back().duration; }

void BrushTimeline::position_at(double seconds, int& stroke, double& fraction) const {
  stroke = -1;
  fraction = 0;
  for (size_t k = 0; k < timings_.size(); ++k) {
    if (seconds < timings_[k].start) break;
    stroke = static_cast<int>(k);
    fraction = std::min(1.0, (seconds - timings_[k].start) / timings_[k].duration);
  }
}

BrushTip BrushTimeline::tip_at(double seconds) const {
  int k;
  double fraction;
  position_at(seconds, k, fraction);
  BrushTip tip;
  if (k < 0 || fraction >= 1.0) return tip;
  const Point p = point_at_fraction(paths_[k], fraction);
  tip.visible = true;
  tip.x = p.x;
  tip.y = p.y;
  tip.radius = std::max(1.5f, 0.6f * widths_[k]);
  return tip;
}

Coverage BrushTimeline::darkness_at(double seconds) const {
  Coverage out(size_, size_);
  constexpr float kDry = 0.9f;  // dried ink is a little lighter than fresh ink
  for (size_t k = 0; k < pixels_.size(); ++k) {
    const StrokeTiming& timing = timings_[k];
    if (seconds < timing.start) break;
    const double soft = 0.015;  // seconds over which a pixel's ink fades in
    for (const InkPixel& p : pixels_[k]) {
      const double inked_at = timing.start + p.fraction * timing.duration;
      const double age = seconds - inked_at;
      if (age <= -soft) continue;
      const float reveal = smoothstep(static_cast<float>(-soft), static_cast<float>(soft), static_cast<float>(age));
      const float wet = static_cast<float>(std::exp(-std::max(0.0, age) / options_.wet_seconds));
      const float value = p.coverage * reveal * (kDry + (1 - kDry) * wet);
      float& v = out.values[p.index];
      v = std::max(v, value);
    }
  }
  const BrushTip tip = tip_at(seconds);
  if (tip.visible) {
    const int x0 = std::max(0, static_cast<int>(tip.x - tip.radius - 2)), x1 = std::min(size_ - 1, static_cast<int>(tip.x + tip.radius + 2));
    const int y0 = std::max(0, static_cast<int>(tip.y - tip.radius - 2)), y1 = std::min(size_ - 1, static_cast<int>(tip.y + tip.radius + 2));
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        const float d = std::hypot(x + 0.5f - tip.x, y + 0.5f - tip.y);
        const float a = 1.0f - smoothstep(tip.radius - 1.0f, tip.radius + 1.0f, d);
        out.at(x, y) = std::max(out.at(x, y), a);
      }
  }
  return out;
}

// The earliest `when(k, fraction)` over the strokes that ink each pixel; -1 on bare paper.
template <typename When>
Coverage BrushTimeline::earliest_map(When when) const {
  Coverage out(size_, size_);
  std::fill(out.values.begin(), out.values.end(), -1.0f);
  for (size_t k = 0; k < pixels_.size(); ++k)
    for (const InkPixel& p : pixels_[k]) {
      if (p.coverage < 0.05f) continue;
      float& v = out.values[p.index];
      const float t = when(k, p.fraction);
      if (v < 0 || t < v) v = t;
    }
  return out;
}

Coverage BrushTimeline::write_time_map() const {
  return earliest_map([](size_t k, float fraction) { return static_cast<float>(k) + fraction; });
}

Coverage BrushTimeline::ink_time_map() const {
  return earliest_map([this](size_t k, float fraction) {
    return static_cast<float>(timings_[k].start + fraction * timings_[k].duration);
  });
}

}  // namespace ink
