// A glyph's strokes as structure-model tokens, and the placement its split measured.
#include "ink/alignment/structure_sample.h"

#include <algorithm>
#include <cmath>

#include "ink/data/outline.h"
#include "ink/raster/raster.h"

namespace ink {
namespace {

// `line` (the box, y up) as kStructurePoints points evenly along its length, on screen.
MedianPoints even_points(const Polyline& line) {
  MedianPoints out{};
  if (line.empty()) return out;
  std::vector<double> along(line.size(), 0.0);
  for (size_t i = 1; i < line.size(); ++i) along[i] = along[i - 1] + std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
  size_t segment = 0;
  for (size_t k = 0; k < kStructurePoints; ++k) {
    const double at = along.back() * static_cast<double>(k) / (kStructurePoints - 1);
    while (segment + 2 < line.size() && along[segment + 1] < at) ++segment;
    Point p = line[segment];
    if (segment + 1 < line.size()) {
      const double span = along[segment + 1] - along[segment];
      const float t = span > 0 ? static_cast<float>(std::clamp((at - along[segment]) / span, 0.0, 1.0)) : 0.0f;
      p = {line[segment].x + t * (line[segment + 1].x - line[segment].x), line[segment].y + t * (line[segment + 1].y - line[segment].y)};
    }
    out[k] = to_screen(p);
  }
  return out;
}

}  // namespace

Point placed_point(const StructureSample& sample, size_t stroke, size_t point) {
  const MedianPoints& median = sample.medians[stroke];
  const StrokeMove move = stroke < sample.moves.size() ? sample.moves[stroke] : StrokeMove{};
  return place_point(form_point(median[point], median.front(), median.back(), move.form), sample.centre, sample.fit, move.shift);
}

StructureSample structure_of(const Glyph& glyph) {
  StructureSample s;
  s.codepoint = glyph.codepoint;
  for (const Stroke& stroke : glyph.strokes) {
    s.medians.push_back(even_points(stroke.median));
    s.kinds.push_back(stroke_kind(stroke.median));
  }
  Rasterizer rasterizer;
  const InkShape shape = ink_shape(rasterizer.fill_glyph(glyph, kReferenceRaster));
  s.centre = {shape[0], shape[1]};
  s.moves.assign(glyph.strokes.size(), StrokeMove{});
  return s;
}

StructureSample structure_of(const Glyph& glyph, const StrokeSplit& split, int image_size) {
  StructureSample s = structure_of(glyph);
  s.fit = layout_of_fit(split.alignment, image_size);
  s.moves = measure_stroke_moves(split, glyph, image_size);
  return s;
}

}  // namespace ink
