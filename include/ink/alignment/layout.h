// A hand's layout: where it puts a character's strokes relative to the data's. The split's
// whole-character fit says it for one glyph (an affine map about the character's ink centre),
// and its settling offsets, undone, say where each stroke went beyond that. The structure half
// of a hand (docs/styles.md); the brush is the stroke model's.
#pragma once
#include <vector>

#include "ink/alignment/stroke_alignment.h"
#include "ink/data/glyph.h"

namespace ink {

// In the 1024 box with y down (screen: x, kBoxTop - y), a point p of a character whose ink
// centre is c goes to c + shift + R(rotation) * diag(scale_x, scale_y) * (p - c).
struct Layout {
  Point shift;
  float scale_x = 1, scale_y = 1, rotation = 0;  // rotation in radians, clockwise on screen
};

// The layout a split's fit found, for a glyph drawn in the box as BoxToPixels::square lays it
// out in an image `image_size` pixels square.
Layout layout_of_fit(const Alignment& fit, int image_size);

// Where the split found each stroke beyond the fit, in box units (screen): its settling offset,
// undone. One per stroke.
std::vector<Point> stroke_shifts_of(const StrokeSplit& split);

// Many characters' layouts as one: each parameter's median, so the characters a hand draws like
// the data (a Kai drawn from the same outlines) keep the identity and a few odd fits do not pull.
Layout typical_layout(const std::vector<Layout>& layouts);

// The glyph's outlines and medians moved by `layout` about its ink centre, each stroke first
// moved by its shift when `stroke_shifts` has one per stroke.
Glyph apply_layout(const Glyph& glyph, const Layout& layout, const std::vector<Point>& stroke_shifts = {});

}  // namespace ink
