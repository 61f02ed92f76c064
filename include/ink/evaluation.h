// Quality measures (DESIGN.md, Quality measures): generated strokes and glyphs against the
// stroke data's own, at the model's resolution. No torch.
#pragma once
#include <vector>

#include "ink/raster.h"
#include "ink/stroke_step.h"

namespace ink {

struct GlyphScore {
  float iou = 0;  // thresholded at 0.5
  float l1 = 0;   // mean absolute coverage difference
};
GlyphScore score_glyph(const Coverage& generated, const Coverage& reference);

struct StrokeScores {
  std::vector<float> stroke_iou;  // generated k vs reference k
  int order_correct = 0;          // generated k overlaps reference k more than any other stroke
  GlyphScore glyph;               // union of the generated strokes vs the reference glyph
};
// `generated` must have one coverage per reference stroke.
StrokeScores score_strokes(const std::vector<Coverage>& generated, const GlyphPlanes& reference);

}  // namespace ink
