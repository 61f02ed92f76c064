// A stroke's own shape in a hand, beyond where the stroke sits: how much longer or shorter it is
// than the data's stroke, how much more it is turned, and how much more it bows. Calligraphers
// count these as structure (a long last horizontal, a short first one, a bowed vertical hook),
// and they vary character by character, so they are measured per stroke from a split and
// predicted per stroke by the structure model (docs/styles.md, Structure).
#pragma once
#include <vector>

#include "ink/alignment/stroke_alignment.h"
#include "ink/data/glyph.h"

namespace ink {

// About the middle of the stroke's chord (its median's first to last point), on screen (y down):
// the stroke is stretched along the chord, its middle moved across the chord by `bend` chord
// lengths (a parabola, zero at both ends), then turned.
struct StrokeForm {
  float stretch = 0;  // log of the length ratio along the chord
  float turn = 0;     // radians, clockwise on screen
  float bend = 0;     // chord lengths, toward the chord's right on screen (its direction turned +90 degrees)
  bool is_identity() const { return stretch == 0 && turn == 0 && bend == 0; }
};

// Largest forms measured or applied: a split that asks for more has gone astray.
inline constexpr float kMaxStretch = 0.4f;  // 0.67x to 1.49x
inline constexpr float kMaxTurn = 0.35f;    // 20 degrees
inline constexpr float kMaxBend = 0.25f;

// A chord shorter than this (box units) is a dot's: it has no direction to stretch along, and
// its form is the identity.
inline constexpr float kShortestChord = 40;

// Where `point` (screen box units) of a stroke whose chord runs `from` -> `to` (screen) goes.
Point form_point(Point point, Point from, Point to, const StrokeForm& form);

// The stroke's outline and median in that form (box units, y up).
Stroke apply_stroke_form(const Stroke& stroke, const StrokeForm& form);

// Where a hand puts one stroke beyond the character's layout: the stroke takes its form, then
// moves by its shift (box units, screen), then goes where the layout puts the character.
struct StrokeMove {
  Point shift;
  StrokeForm form;
};

// Per stroke of the split, the move that lays the data's stroke, placed by the split's fit, best
// over the image's stroke (soft IoU). A longer stroke settles off its middle, so shift and form
// are searched together, from the stroke's settling shift and from the fit's own place. A stroke
// without ink keeps its settling shift, and a dot's chord only moves. `image_size`: the square
// the split's image is.
std::vector<StrokeMove> measure_stroke_moves(const StrokeSplit& split, const Glyph& reference, int image_size);

}  // namespace ink
