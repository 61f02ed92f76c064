// A character's structure as the structure model sees it (docs/styles.md, Structure): each of
// the data's strokes as a few points along its median and its kind and, from a hand's split,
// where that hand put them: the whole character's fit and each stroke's move beyond it (its
// shift and form), the two halves of apply_layout.
#pragma once
#include <array>
#include <vector>

#include "ink/alignment/layout.h"
#include "ink/alignment/stroke_alignment.h"
#include "ink/alignment/stroke_tilt.h"
#include "ink/data/glyph.h"

namespace ink {

inline constexpr size_t kStructurePoints = 8;
using MedianPoints = std::array<Point, kStructurePoints>;

struct StructureSample {
  char32_t codepoint = 0;
  std::vector<MedianPoints> medians;  // screen box units (y down), evenly along each median
  std::vector<StrokeKind> kinds;
  Point centre;                       // the data glyph's ink centre, about which a layout turns
  // Where the hand put the strokes (the identity for a character still to be placed).
  Layout fit;
  std::vector<StrokeMove> moves;  // one a stroke
};

// Where the hand put median point `point` of stroke `stroke`: its form, its shift, then the fit.
Point placed_point(const StructureSample& sample, size_t stroke, size_t point);

// The data's glyph, to be placed.
StructureSample structure_of(const Glyph& glyph);
// The data's glyph as `split` found it in a hand's image `image_size` pixels square (the
// square the box was drawn in).
StructureSample structure_of(const Glyph& glyph, const StrokeSplit& split, int image_size);

}  // namespace ink
