// The skeletons of a sample in place (docs/styles.md, Strokes in place): the data's strokes put
// where a split found the hand's or font's, so that the model learns to ink a stroke where the
// hand drew it, from the skeleton a style's layout hands it there.
#pragma once
#include "ink/alignment/stroke_alignment.h"
#include "ink/data/glyph.h"
#include "ink/raster/raster.h"

namespace ink {

// `glyph` placed where `split` (of an image that is the box's square) found each stroke: the
// character's fit, then each stroke's shift and form (structure_of, then apply_layout, the
// writers' own call). The best overlap that measured those moves leaves a stroke thinner than
// the data's anywhere inside it, so each placed stroke is then moved by the settling shift that
// puts the image's stroke deepest inside it, and its skeleton runs down the image's stroke.
Glyph placed_glyph(const Glyph& glyph, const StrokeSplit& split, Rasterizer& rasterizer);

}  // namespace ink
