// The quality measures: the reference scores perfectly against itself; strokes written in the
// wrong order are caught; a traced stroke plays back as the same shape.
#include <catch2/catch.hpp>
#include <cmath>

#include "ink/data/svg_path.h"
#include "ink/evaluation/evaluation.h"
#include "ink/render/stroke_vector.h"
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

TEST_CASE("a style matrix column's margin is the own row over the best other, with its paired error", "[eval]") {
  // Three characters, three styles, scored against column 1. Row 2 beats row 0, so it is the
  // runner-up; row 1 leads it by 0.1, 0.2 and 0.3.
  std::vector<std::vector<std::vector<double>>> scores(3, std::vector<std::vector<double>>(3, std::vector<double>(3, 0.0)));
  const double own[] = {0.7, 0.8, 0.9}, second[] = {0.6, 0.6, 0.6}, third[] = {0.1, 0.5, 0.55};
  for (size_t c = 0; c < 3; ++c) scores[c][1][1] = own[c], scores[c][2][1] = second[c], scores[c][0][1] = third[c];
  const ColumnMargin m = column_margin(scores, 1);
  CHECK(m.runner_up == 2);
  CHECK(m.lead.mean == Approx(0.2));
  CHECK(m.lead.standard_error == Approx(0.1 / std::sqrt(3.0)));  // the differences' sd is 0.1
  // A column its own row loses has a negative margin.
  for (auto& c : scores) c[0][0] = 0.2, c[1][0] = 0.5;
  CHECK(column_margin(scores, 0).runner_up == 1);
  CHECK(column_margin(scores, 0).lead.mean == Approx(-0.3));
  CHECK(column_margin(scores, 0).lead.standard_error == Approx(0.0).margin(1e-12));
  // Any two rows: row 0 over row 2 on column 1 (the gain of a hand over the data's, say).
  CHECK(paired_difference(scores, 1, 0, 2).mean == Approx((0.1 + 0.5 + 0.55) / 3 - 0.6));
  CHECK_THROWS_WITH(column_margin(scores, 3), Catch::Contains("no own row"));
}

TEST_CASE("paired gains are each method's mean difference from the baseline, with the error of the differences") {
  const std::vector<std::vector<double>> per_method = {{0.5, 0.6, 0.7}, {0.6, 0.6, 0.9}};
  const std::vector<PairedDifference> gains = paired_gains(per_method);
  REQUIRE(gains.size() == 2);
  CHECK(gains[0].mean == Approx(0));
  CHECK(gains[1].mean == Approx(0.1));  // differences 0.1, 0, 0.2
  CHECK(gains[1].standard_error == Approx(0.1 / std::sqrt(3.0)));
  CHECK_THROWS_WITH(paired_gains({{0.5, 0.6}, {0.5}}), Catch::Contains("different numbers of characters"));
}
