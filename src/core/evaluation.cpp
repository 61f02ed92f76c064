// Per-stroke IoU, stroke-order accuracy and whole-glyph IoU / L1.
#include "ink/evaluation.h"

#include <cmath>

#include "ink/error.h"

namespace ink {

GlyphScore score_glyph(const Coverage& generated, const Coverage& reference) {
  if (generated.values.size() != reference.values.size()) throw InkError("score_glyph: images of different sizes");
  GlyphScore score;
  score.iou = coverage_iou(generated, reference);
  double l1 = 0;
  for (size_t i = 0; i < generated.values.size(); ++i) l1 += std::fabs(generated.values[i] - reference.values[i]);
  score.l1 = static_cast<float>(l1 / std::max<size_t>(1, generated.values.size()));
  return score;
}

StrokeScores score_strokes(const std::vector<Coverage>& generated, const GlyphPlanes& reference) {
  const size_t n = reference.strokes.size();
  if (generated.size() != n)
    throw InkError("score_strokes: " + std::to_string(generated.size()) + " generated strokes for " + std::to_string(n) + " reference strokes");
  StrokeScores scores;
  Coverage glyph(reference.size, reference.size);
  for (size_t k = 0; k < n; ++k) {
    glyph.max_with(generated[k]);
    std::vector<float> overlap(n);
    for (size_t j = 0; j < n; ++j) overlap[j] = coverage_iou(generated[k], reference.strokes[j]);
    scores.stroke_iou.push_back(overlap[k]);
    bool best = overlap[k] > 0;
    for (size_t j = 0; j < n; ++j) best = best && (j == k || overlap[j] < overlap[k]);
    scores.order_correct += best ? 1 : 0;
  }
  scores.glyph = score_glyph(glyph, reference.glyph);
  return scores;
}

}  // namespace ink
