// Stroke forms: applied to a stroke's points, and measured from a split by a pattern search.
#include "ink/alignment/stroke_form.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "ink/alignment/layout.h"
#include "ink/raster/raster.h"

namespace ink {
namespace {

// Box units a stroke's shift may move from where settling put it, while its form is found.
constexpr float kShiftRefined = 32;

Point screen(Point box) { return {box.x, kBoxTop - box.y}; }

// Agreement of two coverages without a threshold, so a search sees sub-pixel changes.
double soft_iou(const Coverage& a, const Coverage& b) {
  double both = 0, either = 0;
  for (size_t i = 0; i < a.values.size(); ++i) both += std::min(a.values[i], b.values[i]), either += std::max(a.values[i], b.values[i]);
  return either > 0 ? both / either : 0;
}

Point lerp(Point a, Point b, float t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }

// The median and outline with no segment longer than `longest` (lines cut evenly, curves split
// evenly in their parameter): a bow moves points, and a long straight edge between two of them
// would stay straight.
Stroke finer(const Stroke& stroke, float longest) {
  Stroke out;
  const auto pieces = [&](float length) { return std::max(1, static_cast<int>(std::ceil(length / longest))); };
  for (size_t i = 0; i < stroke.median.size(); ++i) {
    if (i > 0) {
      const Point a = stroke.median[i - 1], b = stroke.median[i];
      const int n = pieces(std::hypot(b.x - a.x, b.y - a.y));
      for (int j = 1; j < n; ++j) out.median.push_back(lerp(a, b, static_cast<float>(j) / static_cast<float>(n)));
    }
    out.median.push_back(stroke.median[i]);
  }
  const std::vector<Point>& in = stroke.outline.points;
  Outline& o = out.outline;
  size_t at = 0;
  Point current, start;
  const auto line_to = [&](Point to) {
    const int n = pieces(std::hypot(to.x - current.x, to.y - current.y));
    for (int j = 1; j <= n; ++j) o.verbs.push_back(PathVerb::line), o.points.push_back(lerp(current, to, static_cast<float>(j) / static_cast<float>(n)));
    current = to;
  };
  for (PathVerb verb : stroke.outline.verbs) {
    switch (verb) {
      case PathVerb::move:
        current = start = in[at++];
        o.verbs.push_back(verb), o.points.push_back(current);
        break;
      case PathVerb::line:
        line_to(in[at++]);
        break;
      case PathVerb::quad: {
        const Point c = in[at], e = in[at + 1];
        at += 2;
        const int n = pieces(std::hypot(c.x - current.x, c.y - current.y) + std::hypot(e.x - c.x, e.y - c.y));
        const Point p0 = current;
        for (int j = 1; j <= n; ++j) {  // the piece from t0 to t1 of the curve, as a quad of its own
          const float t0 = static_cast<float>(j - 1) / static_cast<float>(n), t1 = static_cast<float>(j) / static_cast<float>(n);
          const auto at_t = [&](float t) { return lerp(lerp(p0, c, t), lerp(c, e, t), t); };
          const Point tangent_from = lerp(lerp(p0, c, t0), lerp(c, e, t0), t1);  // control of the piece: de Casteljau
          o.verbs.push_back(PathVerb::quad), o.points.push_back(tangent_from), o.points.push_back(at_t(t1));
        }
        current = e;
        break;
      }
      case PathVerb::cubic: {
        const Point c1 = in[at], c2 = in[at + 1], e = in[at + 2];
        at += 3;
        const int n = pieces(std::hypot(c1.x - current.x, c1.y - current.y) + std::hypot(c2.x - c1.x, c2.y - c1.y) +
                             std::hypot(e.x - c2.x, e.y - c2.y));
        const Point p0 = current;
        const auto point_at = [&](float t) {
          const Point a = lerp(p0, c1, t), b = lerp(c1, c2, t), d = lerp(c2, e, t);
          return lerp(lerp(a, b, t), lerp(b, d, t), t);
        };
        const auto tangent_at = [&](float t) {  // derivative / 3
          const Point a = lerp(p0, c1, t), b = lerp(c1, c2, t), d = lerp(c2, e, t);
          const Point u = lerp(a, b, t), v = lerp(b, d, t);
          return Point{v.x - u.x, v.y - u.y};
        };
        for (int j = 1; j <= n; ++j) {
          const float t0 = static_cast<float>(j - 1) / static_cast<float>(n), t1 = static_cast<float>(j) / static_cast<float>(n);
          const float h = t1 - t0;
          const Point s0 = point_at(t0), s1 = point_at(t1), d0 = tangent_at(t0), d1 = tangent_at(t1);
          o.verbs.push_back(PathVerb::cubic);
          o.points.push_back({s0.x + d0.x * h, s0.y + d0.y * h});
          o.points.push_back({s1.x - d1.x * h, s1.y - d1.y * h});
          o.points.push_back(s1);
        }
        current = e;
        break;
      }
      case PathVerb::close:
        line_to(start);  // the closing edge, cut like any other
        o.verbs.push_back(verb);
        break;
    }
  }
  return out;
}

}  // namespace

Point form_point(Point point, Point from, Point to, const StrokeForm& form) {
  const float length = std::hypot(to.x - from.x, to.y - from.y);
  if (length < kShortestChord) return point;
  const Point middle{(from.x + to.x) / 2, (from.y + to.y) / 2};
  const Point along{(to.x - from.x) / length, (to.y - from.y) / length}, across{-along.y, along.x};
  const float a = (point.x - middle.x) * along.x + (point.y - middle.y) * along.y;
  const float b = (point.x - middle.x) * across.x + (point.y - middle.y) * across.y;
  const float t = std::clamp(a / length + 0.5f, 0.0f, 1.0f);
  const float a2 = a * std::exp(form.stretch), b2 = b + form.bend * length * 4 * t * (1 - t);
  const Point q{a2 * along.x + b2 * across.x, a2 * along.y + b2 * across.y};
  const float cos_t = std::cos(form.turn), sin_t = std::sin(form.turn);
  return {middle.x + cos_t * q.x - sin_t * q.y, middle.y + sin_t * q.x + cos_t * q.y};
}

Stroke apply_stroke_form(const Stroke& stroke, const StrokeForm& form) {
  if (form.is_identity() || stroke.median.size() < 2) return stroke;
  const Point from = screen(stroke.median.front()), to = screen(stroke.median.back());
  const float chord = std::hypot(to.x - from.x, to.y - from.y);
  if (chord < kShortestChord) return stroke;
  Stroke out = form.bend != 0 ? finer(stroke, chord / 16) : stroke;
  for (auto* points : {&out.outline.points, &out.median})
    for (Point& p : *points) p = screen(form_point(screen(p), from, to, form));
  return out;
}

std::vector<StrokeMove> measure_stroke_moves(const StrokeSplit& split, const Glyph& reference, int image_size) {
  Rasterizer rasterizer;
  const InkShape shape = ink_shape(rasterizer.fill_glyph(reference, kReferenceRaster));
  const Point centre{shape[0], shape[1]};
  const Layout fit = layout_of_fit(split.alignment, image_size);
  const std::vector<Point> shifts = stroke_shifts_of(split);
  const BoxToPixels to_pixels = BoxToPixels::square(static_cast<float>(image_size));
  std::vector<StrokeMove> moves(reference.strokes.size());
  for (size_t k = 0; k < reference.strokes.size() && k < split.strokes.size(); ++k) {
    if (k < shifts.size()) moves[k].shift = shifts[k];
    const Stroke& stroke = reference.strokes[k];
    if (stroke.median.size() < 2 || split.strokes[k].sum() <= 0) continue;
    const auto score = [&](const StrokeMove& move) {
      Outline placed = apply_stroke_form(stroke, move.form).outline;
      for (Point& p : placed.points) p = screen(place_point(screen(p), centre, fit, move.shift));
      return soft_iou(rasterizer.fill(placed, to_pixels, image_size, image_size), split.strokes[k]);
    };
    const Point from = stroke.median.front(), to = stroke.median.back();
    const bool has_direction = std::hypot(to.x - from.x, to.y - from.y) >= kShortestChord;
    // A pattern search, one number at a time, its step halving each round; the shift stays within
    // kShiftRefined of where it starts, a form within its limits.
    const auto refine = [&](StrokeMove best) {
      StrokeMove trial = best;
      const Point start = best.shift;
      struct Axis {
        float* value;
        float step, low, high;
      };
      std::vector<Axis> axes = {{&trial.shift.x, 8, start.x - kShiftRefined, start.x + kShiftRefined},
                                {&trial.shift.y, 8, start.y - kShiftRefined, start.y + kShiftRefined}};
      if (has_direction)
        axes.insert(axes.end(), {{&trial.form.stretch, 0.08f, -kMaxStretch, kMaxStretch},
                                 {&trial.form.turn, 0.07f, -kMaxTurn, kMaxTurn},
                                 {&trial.form.bend, 0.04f, -kMaxBend, kMaxBend}});
      double best_score = score(best);
      for (int round = 0; round < 3; ++round)
        for (const Axis& axis : axes) {
          const float step = axis.step / static_cast<float>(1 << round);
          for (bool moved = true; moved;) {
            moved = false;
            for (float sign : {-1.0f, 1.0f}) {
              trial = best;
              const float before = *axis.value;
              *axis.value = std::clamp(before + sign * step, axis.low, axis.high);
              if (*axis.value == before) continue;
              const double s = score(trial);
              if (s > best_score + 1e-6) best_score = s, best = trial, moved = true;
            }
          }
        }
      return std::make_pair(best, best_score);
    };
    // From the settling shift and from the fit's own place: a longer or turned stroke settles off
    // its middle, where a search for its form can stall.
    const auto settled = refine(moves[k]), unsettled = refine(StrokeMove{});
    const StrokeMove best = settled.second >= unsettled.second ? settled.first : unsettled.first;
    moves[k] = best;
  }
  return moves;
}

}  // namespace ink
