// The quality measures: the reference scores perfectly against itself; strokes written in the
// wrong order are caught; a traced stroke plays back as the same shape.
#include <catch2/catch.hpp>

#include "ink/evaluation.h"
#include "ink/stroke_vector.h"
#include "ink/svg_path.h"
#include "test_helpers.h"

using namespace ink;

namespace {

GlyphPlanes planes_of(char32_t c) {
  Rasterizer rasterizer;
  return render_glyph_planes(test::sample_library().glyph(c), rasterizer, 64);
}

}  // namespace

TEST_CASE("the stroke data's own strokes score 1 on every measure", "[eval]") {
  const GlyphPlanes planes = planes_of(U'满');
  const StrokeScores s = score_strokes(planes.strokes, planes);
  REQUIRE(s.stroke_iou.size() == 13);
  for (float iou : s.stroke_iou) CHECK(iou == Approx(1.0f));
  CHECK(s.order_correct == 13);
  CHECK(s.glyph.iou == Approx(1.0f));
  CHECK(s.glyph.l1 == Approx(0.0f));
}

TEST_CASE("strokes written in the wrong order lose stroke-order accuracy", "[eval]") {
  const GlyphPlanes planes = planes_of(U'干');
  std::vector<Coverage> swapped = planes.strokes;
  std::swap(swapped[0], swapped[2]);  // the vertical first, the top bar last
  const StrokeScores s = score_strokes(swapped, planes);
  CHECK(s.order_correct == 1);  // only the middle bar is where it belongs
  CHECK(s.stroke_iou[0] < 0.3f);
  CHECK(s.glyph.iou == Approx(1.0f));  // the glyph itself is unchanged
  CHECK_THROWS(score_strokes({planes.strokes[0]}, planes));
}

TEST_CASE("a stroke traced to an SVG path rasterises back to the same shape", "[eval]") {
  const GlyphPlanes planes = planes_of(U'永');
  Rasterizer rasterizer;
  for (size_t k = 0; k < planes.strokes.size(); ++k) {
    const std::string svg = trace_stroke_svg(planes.strokes[k]);
    REQUIRE(!svg.empty());
    const Outline outline = parse_svg_path(svg, "traced stroke");
    const Coverage back = rasterizer.fill(outline, BoxToPixels::square(64), 64, 64);
    INFO("stroke " << k + 1 << ": " << svg.substr(0, 80));
    CHECK(coverage_iou(back, planes.strokes[k]) > 0.9f);
  }
}
