// Quality at display size (docs/model.md, Quality measures): how sharp the drawn ink is, and how
// well each stroke, drawn as the viewer and the exports draw it, covers the data's outline.
// No torch.
#pragma once
#include <vector>

#include "ink/data/glyph.h"
#include "ink/raster/raster.h"

namespace ink {

// The band of partly inked pixels (0.05 < coverage < 0.95) along the edges, per pixel of
// outline. The outline's length is the coverage's total variation (for a clean 0-to-1 edge, its
// length in pixels), so the width reads the same however much ink there is. An anti-aliasing
// rasteriser's edge reads about 0.6; a blurred one grows with the blur.
struct EdgeBand {
  double partial = 0, outline = 0;
  void add(const Coverage& c);
  void add(const EdgeBand& other) { partial += other.partial, outline += other.outline; }
  double width() const { return outline > 0 ? partial / outline : 0.0; }
};

struct DisplayScores {
  std::vector<float> stroke_iou;  // stroke k at `iou_size` against the glyph's outline k there
  EdgeBand written, reference;    // the whole glyph at `edge_size`: as drawn, and its outlines
};
// `strokes` (one per stroke of `glyph`, each at the model's size or the detail stage's) drawn
// for display (upsample_coverage) and scored against the glyph's outlines rasterised there.
DisplayScores score_display(const std::vector<Coverage>& strokes, const Glyph& glyph, int iou_size, int edge_size,
                            Rasterizer& rasterizer);

}  // namespace ink
