// Splitting a whole glyph along the medians: nothing lost, strokes close to the data's own.
#include <catch2/catch.hpp>

#include "ink/alignment/glyph_split.h"
#include "ink/dataset/stroke_step.h"
#include "test_helpers.h"

using namespace ink;

TEST_CASE("a glyph split along its medians keeps all its ink and finds the data's strokes", "[split]") {
  Rasterizer rasterizer;
  const Glyph& glyph = test::sample_library().glyph(U'永');
  const GlyphPlanes planes = render_glyph_planes(glyph, rasterizer, 64);
  std::vector<Polyline> medians;
  for (const Stroke& s : glyph.strokes) medians.push_back(s.median);
  const std::vector<Coverage> split = split_glyph_by_medians(planes.glyph, medians);
  REQUIRE(split.size() == 5);
  Coverage together(64, 64);
  for (const Coverage& s : split) together.max_with(s);
  CHECK(together.values == planes.glyph.values);  // every ink pixel went to some stroke
  for (size_t k = 0; k < split.size(); ++k) {
    INFO("stroke " << k + 1);
    CHECK(coverage_iou(split[k], planes.strokes[k]) > 0.6f);
  }
}
