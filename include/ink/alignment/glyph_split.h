// A glyph written in one piece (whole or class mode) split into strokes for the brush: each
// ink pixel goes to the stroke whose median passes nearest. A first, simple form of the split
// by alignment in the styles issue; good enough to animate a glyph in stroke order.
#pragma once
#include <vector>

#include "ink/data/outline.h"
#include "ink/raster/raster.h"

namespace ink {

// `medians` in the 1024 box (y up); the result has one coverage per median, like `glyph`.
// Neighbouring strokes overlap by one pixel along their cut.
std::vector<Coverage> split_glyph_by_medians(const Coverage& glyph, const std::vector<Polyline>& medians);

}  // namespace ink
