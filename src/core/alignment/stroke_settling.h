// Settling carried-back strokes onto the reference's. The whole-character fit leaves each stroke
// of a font or a hand a few pixels from the data's (a longer 横 pulls a 点 along, a box is wider
// at the top): placements no skeleton predicts, so a style trained on them learns a blur, and
// an IoU against them favours the data's own hand. Each stroke is moved by its own small shift
// that centres it on its reference stroke; what stays is its shape, weight and ends: the brush.
// Internal to src/core.
#pragma once
#include <vector>

#include "ink/raster/raster.h"

namespace ink {

// At most this far (reference-raster pixels, 256 to the box) a stroke is moved: 6% of the box.
constexpr int kMaxStrokeOffset = 16;

// `carried`: the split's strokes on the reference raster through the whole-character fit;
// `reference`: the data's strokes on the same raster. Per stroke, the shift (add it to the
// carried stroke) that puts its ink deepest inside the reference stroke, found by a pattern
// search over whole pixels within kMaxStrokeOffset; {0, 0} for a stroke with no ink.
std::vector<Point> settle_strokes(const std::vector<Coverage>& carried, const std::vector<Coverage>& reference);

}  // namespace ink
