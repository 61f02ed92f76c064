// Per-stroke IoU, stroke-order accuracy and whole-glyph IoU / L1.
#include "ink/evaluation/evaluation.h"

#include <cmath>

#include "ink/base/error.h"

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

PairedDifference paired_difference(const std::vector<std::vector<std::vector<double>>>& scores, size_t column, size_t row,
                                   size_t baseline) {
  if (scores.empty()) throw InkError("paired_difference: no characters");
  const double n = static_cast<double>(scores.size());
  std::vector<double> differences;
  for (const auto& c : scores) differences.push_back(c.at(row).at(column) - c.at(baseline).at(column));
  PairedDifference out;
  for (double d : differences) out.mean += d / n;
  double squares = 0;  // about the mean, two passes: the differences are small next to the scores
  for (double d : differences) squares += (d - out.mean) * (d - out.mean);
  out.standard_error = n > 1 ? std::sqrt(squares / (n - 1) / n) : 0.0;
  return out;
}

ColumnMargin column_margin(const std::vector<std::vector<std::vector<double>>>& scores, size_t column) {
  if (scores.empty()) throw InkError("column_margin: no characters");
  const size_t rows = scores.front().size();
  if (column >= rows || rows < 2) throw InkError("column_margin: column " + std::to_string(column) + " has no own row and another");
  auto mean_of = [&](size_t r) {
    double sum = 0;
    for (const auto& c : scores) sum += c.at(r).at(column);
    return sum / static_cast<double>(scores.size());
  };
  ColumnMargin out;
  double best = -INFINITY;
  for (size_t r = 0; r < rows; ++r)
    if (r != column && mean_of(r) > best) best = mean_of(r), out.runner_up = r;
  out.lead = paired_difference(scores, column, column, out.runner_up);
  return out;
}

std::vector<PairedDifference> paired_gains(const std::vector<std::vector<double>>& per_method, size_t baseline) {
  if (baseline >= per_method.size()) throw InkError("paired gains: no method " + std::to_string(baseline));
  const size_t n = per_method[baseline].size();
  std::vector<std::vector<std::vector<double>>> scores(n);  // [character][method][0]
  for (size_t c = 0; c < n; ++c)
    for (const std::vector<double>& method : per_method) {
      if (method.size() != n) throw InkError("paired gains: methods scored different numbers of characters");
      scores[c].push_back({method[c]});
    }
  std::vector<PairedDifference> gains;
  for (size_t m = 0; m < per_method.size(); ++m) gains.push_back(paired_difference(scores, 0, m, baseline));
  return gains;
}

}  // namespace ink
