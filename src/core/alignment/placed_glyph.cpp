// Placing the data's strokes where a split found an image's.
#include "ink/alignment/placed_glyph.h"

#include "alignment/stroke_settling.h"
#include "ink/alignment/layout.h"
#include "ink/alignment/structure_sample.h"
#include "ink/data/outline.h"

namespace ink {

Glyph placed_glyph(const Glyph& glyph, const StrokeSplit& split, Rasterizer& rasterizer) {
  const int image = split.strokes.empty() ? 0 : split.strokes.front().width;
  const StructureSample found = structure_of(glyph, split, image);
  Glyph placed = apply_layout(glyph, found.fit, found.moves);
  const BoxToPixels to_pixels = BoxToPixels::square(static_cast<float>(image));
  std::vector<Coverage> data_strokes;
  for (const Stroke& stroke : placed.strokes) data_strokes.push_back(rasterizer.fill(stroke.outline, to_pixels, image, image));
  // The image's strokes stay; the data's move onto them: settling with the roles swapped.
  const std::vector<Point> offsets = settle_strokes(split.strokes, data_strokes);
  const float box_per_pixel = kBoxSize / static_cast<float>(image);
  for (size_t k = 0; k < placed.strokes.size() && k < offsets.size(); ++k)
    for (auto* points : {&placed.strokes[k].outline.points, &placed.strokes[k].median})
      for (Point& p : *points) {
        const Point screen = to_screen(p);
        p = to_box({screen.x - offsets[k].x * box_per_pixel, screen.y - offsets[k].y * box_per_pixel});
      }
  return placed;
}

}  // namespace ink
