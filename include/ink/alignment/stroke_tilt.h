// The stroke-level half of a hand's structure that carries to characters it never saw: how it
// tilts each kind of stroke, relative to the data's (a flatter horizontal, a steeper
// left-falling). Measured per stroke from a split (the font's or photo's stroke against the
// data's stroke laid over it by the character's fit), summarised per kind, and applied to the
// data's strokes before the character's layout. Seven numbers per hand, so a hand learnt from
// four characters carries them. Lengths per kind were measured the same way and cost IoU in place
// (docs/layout-experiments.md, Stroke tilts); a stroke's own length, turn and bend vary character by
// character and are the structure model's (stroke_form.h).
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ink/alignment/stroke_alignment.h"
#include "ink/data/glyph.h"

namespace ink {

// The basic strokes of the Kai canon, told apart by the data's median alone.
enum class StrokeKind { dot, horizontal, vertical, left_falling, right_falling, rising, turning };
inline constexpr size_t kStrokeKinds = 7;
StrokeKind stroke_kind(const Polyline& median);  // median in the box, y up, in writing direction
const char* stroke_kind_name(StrokeKind kind);   // "dot", "horizontal", ..., as files name them
std::optional<StrokeKind> stroke_kind_named(const std::string& name);

// Per kind, radians clockwise on screen about the middle of the stroke's median.
using StrokeTilts = std::array<float, kStrokeKinds>;
bool is_identity(const StrokeTilts& tilts);

struct MeasuredTilt {
  StrokeKind kind;
  float tilt;
};
// Each stroke of the split whose principal axis is clear both in the reference (laid over the
// image by the split's fit) and in the image's stroke; strokes too round to have a direction, or
// tilted past 45 degrees (a split gone astray), are left out.
std::vector<MeasuredTilt> measure_stroke_tilts(const StrokeSplit& split, const Glyph& reference);

// Per kind, the median tilt of the measured strokes, drawn toward the data's by `prior` strokes'
// worth of evidence: a kind seen once barely moves.
StrokeTilts typical_stroke_tilts(const std::vector<MeasuredTilt>& measured, float prior = 3);

// Each stroke's outline and median turned by its kind's tilt about the middle of its median.
Glyph apply_stroke_tilts(const Glyph& glyph, const StrokeTilts& tilts);

}  // namespace ink
