// Stroke forms: applied to a stroke's points, and measured from a split by a pattern search.
#include "ink/alignment/stroke_form.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "ink/alignment/layout.h"
#include "ink/raster/raster.h"

namespace ink {
namespace {

// Box units a stroke's shift may move from where settling put it, while its form is found.
constexpr float kShiftRefined = 32;

// Agreement of two coverages without a threshold, so a search sees sub-pixel changes.
double soft_iou(const Coverage& a, const Coverage& b) {
  double both = 0, either = 0;
  for (size_t i = 0; i < a.values.size(); ++i) both += std::min(a.values[i], b.values[i]), either += std::max(a.values[i], b.values[i]);
  return either > 0 ? both / either : 0;
}

}  // namespace

Point form_point(Point point, Point from, Point to, const StrokeForm& asked) {
  const float length = std::hypot(to.x - from.x, to.y - from.y);
  if (length < kShortestChord) return point;
  // A row read from a file may ask for anything finite; a stroke is reshaped at most this much.
  const StrokeForm form{std::clamp(asked.stretch, -kMaxStretch, kMaxStretch), std::clamp(asked.turn, -kMaxTurn, kMaxTurn),
                        std::clamp(asked.bend, -kMaxBend, kMaxBend)};
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
  const Point from = to_screen(stroke.median.front()), to = to_screen(stroke.median.back());
  const float chord = std::hypot(to.x - from.x, to.y - from.y);
  if (chord < kShortestChord) return stroke;
  // A bow moves points, and a long straight edge between two of them would stay straight.
  Stroke out = stroke;
  if (form.bend != 0) out = {subdivided(stroke.outline, chord / 16), subdivided(stroke.median, chord / 16)};
  for (auto* points : {&out.outline.points, &out.median})
    for (Point& p : *points) p = to_box(form_point(to_screen(p), from, to, form));
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
      for (Point& p : placed.points) p = to_box(place_point(to_screen(p), centre, fit, move.shift));
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
    moves[k] = settled.second >= unsettled.second ? settled.first : unsettled.first;
  }
  return moves;
}

}  // namespace ink
