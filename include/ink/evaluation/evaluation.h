// Quality measures (docs/model.md, Quality measures): generated strokes and glyphs against the
// stroke data's own, at the model's resolution. No torch.
#pragma once
#include <vector>

#include "ink/dataset/stroke_step.h"
#include "ink/raster/raster.h"

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

// Row `row` minus row `baseline` on one column of a style matrix, over the characters:
// scores[c][r][k] is character c written in style r, scored against font k. The standard error
// is that of the per-character differences (paired: both rows wrote the same characters with
// the same noise), so a difference within about two of it could go either way on other
// characters.
struct PairedDifference {
  double mean = 0;
  double standard_error = 0;
};
PairedDifference paired_difference(const std::vector<std::vector<std::vector<double>>>& scores, size_t column, size_t row,
                                   size_t baseline);
// Each method's gain over method `baseline`, paired over the characters: per_method[m][c] is
// character c's score by method m (every method scored the same characters).
std::vector<PairedDifference> paired_gains(const std::vector<std::vector<double>>& per_method, size_t baseline = 0);

// How surely a square style matrix's column goes to its own style (row k for column k): its lead
// over the best other row.
struct ColumnMargin {
  size_t runner_up = 0;  // the best row other than the column's own
  PairedDifference lead;
};
ColumnMargin column_margin(const std::vector<std::vector<std::vector<double>>>& scores, size_t column);

}  // namespace ink
