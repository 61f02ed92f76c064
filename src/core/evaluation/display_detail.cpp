// Edge band and per-stroke IoU at display size.
#include "ink/evaluation/display_detail.h"

#include <cmath>

#include "ink/base/error.h"
#include "ink/render/brush_timeline.h"

namespace ink {

void EdgeBand::add(const Coverage& c) {
  for (int y = 0; y < c.height; ++y)
    for (int x = 0; x < c.width; ++x) {
      const float v = c.at(x, y);
      if (v > 0.05f && v < 0.95f) partial += 1;
      const float dx = x + 1 < c.width ? c.at(x + 1, y) - v : 0.0f;
      const float dy = y + 1 < c.height ? c.at(x, y + 1) - v : 0.0f;
      outline += std::sqrt(dx * dx + dy * dy);
    }
}

DisplayScores score_display(const std::vector<Coverage>& strokes, const Glyph& glyph, int iou_size, int edge_size,
                            Rasterizer& rasterizer) {
  if (strokes.size() != glyph.strokes.size())
    throw InkError("score_display: " + std::to_string(strokes.size()) + " strokes for a glyph of " + std::to_string(glyph.strokes.size()));
  DisplayScores scores;
  const BoxToPixels at_iou = BoxToPixels::square(static_cast<float>(iou_size));
  Coverage written(edge_size, edge_size);
  for (size_t k = 0; k < strokes.size(); ++k) {
    const Coverage outline = rasterizer.fill(glyph.strokes[k].outline, at_iou, iou_size, iou_size);
    scores.stroke_iou.push_back(coverage_iou(upsample_coverage(strokes[k], iou_size), outline));
    written.max_with(upsample_coverage(strokes[k], edge_size));
  }
  scores.written.add(written);
  scores.reference.add(rasterizer.fill_glyph(glyph, edge_size));
  return scores;
}

}  // namespace ink
