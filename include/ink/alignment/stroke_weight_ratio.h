// A hand's stroke weight, measured: how much heavier than the data's it draws a character's
// strokes, at the hand's own size (the data's strokes laid over its ink by the character's fit).
// Unlike where a character sits, weight survives any framing of a photo: it is a width relative
// to the character.
#pragma once
#include <optional>
#include <vector>

#include "ink/alignment/stroke_alignment.h"
#include "ink/data/glyph.h"

namespace ink {

// The weight at which the data's strokes, laid over the image by the split's fit and each drawn
// that much heavier (raster/stroke_weight.h), ink as much as the hand's strokes do. Matching the
// whole character's ink, not stroke by stroke, because where heavy strokes cross the split gives
// the shared ink to one of them. None when the split found no ink.
std::optional<float> measure_weight(const StrokeSplit& split, const Glyph& reference);

// The median over characters, drawn toward the data's (1) by `prior` characters' worth of
// evidence, in log space; 1 for none.
float typical_weight(const std::vector<float>& weights, float prior = 3);

// The weight a layout keeps: none when it is within 5% of the data's, so the writers leave the
// stroke model's own weight, and its stroke-to-stroke variation, to a hand that writes as heavy
// as the data (within what the fits measure); otherwise `weight`.
std::optional<float> weight_to_keep(float weight);

}  // namespace ink
