// Coverage drawn at display size: edges as sharp as a rasteriser's at any enlargement, in the
// right place, never blocky; faint haze left out; shrinking keeps the ink.
#include <catch2/catch.hpp>

#include "ink/dataset/stroke_step.h"
#include "ink/evaluation/display_detail.h"
#include "ink/render/display_coverage.h"
#include "test_helpers.h"

using namespace ink;

namespace {

struct Drawn {
  GlyphPlanes planes;  // the strokes at the model's 64 px
  const Glyph* glyph;
};

Drawn drawn(char32_t c) {
  Rasterizer rasterizer;
  const Glyph& glyph = test::sample_library().glyph(c);
  return {render_glyph_planes(glyph, rasterizer, 64), &glyph};
}

}  // namespace

TEST_CASE("strokes from 64 px drawn at 512 px have edges within 1.5x as wide as their outlines'", "[display]") {
  const Drawn d = drawn(U'永');
  Rasterizer rasterizer;
  const DisplayScores scores = score_display(d.planes.strokes, *d.glyph, 256, 512, rasterizer);
  INFO("edge band " << scores.written.width() << " px per px of outline, outlines " << scores.reference.width());
  CHECK(scores.reference.width() > 0.3);
  CHECK(scores.written.width() < 1.5 * scores.reference.width());
  // The edges sit where the outlines are: each stroke covers its outline at 256 px about as
  // well as the 64 px rasterisation allows.
  for (float iou : scores.stroke_iou) CHECK(iou > 0.85f);
}

TEST_CASE("the edge band reads a blurred edge as wider than a sharp one", "[display]") {
  Coverage sharp(64, 64), blurred(64, 64);
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x) {
      sharp.at(x, y) = x < 20 ? 1.0f : x == 20 ? 0.5f : 0.0f;
      blurred.at(x, y) = std::clamp((24.0f - x) / 8.0f, 0.0f, 1.0f);
    }
  EdgeBand a, b;
  a.add(sharp);
  b.add(blurred);
  CHECK(a.width() == Approx(1.0).margin(0.05));  // one partial pixel per pixel of edge
  CHECK(b.width() == Approx(7.0).margin(0.3));
}

TEST_CASE("enlarged coverage is not blocky: its edges cross the 8x8 grid anywhere", "[display]") {
  const Coverage big = upsample_coverage(drawn(U'永').planes.strokes[4], 512);
  // Where a row crosses the edge (coverage passes 0.5). A blocky upsampling crosses only at the
  // source pixels' borders, every 8th display pixel; a smooth edge at any of the 8 phases.
  int crossings = 0, on_border = 0;
  for (int y = 0; y < 512; ++y)
    for (int x = 1; x < 512; ++x)
      if ((big.at(x - 1, y) >= 0.5f) != (big.at(x, y) >= 0.5f)) ++crossings, on_border += x % 8 == 0;
  REQUIRE(crossings > 200);
  CHECK(on_border < 0.25 * crossings);
}

TEST_CASE("faint haze is paper, full ink stays full, and a grey patch stays grey", "[display]") {
  Coverage source(64, 64);
  for (float& v : source.values) v = 0.15f;  // the haze a model leaves around its strokes
  for (int y = 10; y < 30; ++y)
    for (int x = 10; x < 30; ++x) source.at(x, y) = 1.0f;
  for (int y = 40; y < 60; ++y)
    for (int x = 40; x < 60; ++x) source.at(x, y) = 0.5f;
  const Coverage big = upsample_coverage(source, 256);
  CHECK(big.at(4, 250) == 0.0f);
  CHECK(big.at(80, 80) == Approx(1.0f));
  CHECK(big.at(200, 200) > 0.3f);
  CHECK(big.at(200, 200) < 0.7f);
  // The square's edge: sharp, at the source's edge (x = 10 source px = 40 display px).
  CHECK(big.at(38, 80) < 0.05f);
  CHECK(big.at(41, 80) > 0.95f);
}

TEST_CASE("shrunk coverage keeps the ink's total, and bad sizes are refused", "[display][errors]") {
  const Coverage stroke = drawn(U'永').planes.strokes[0];
  const Coverage small = upsample_coverage(stroke, 24);  // 64 / 24: cells cover parts of pixels
  CHECK(small.sum() * (64.0 / 24) * (64.0 / 24) == Approx(stroke.sum()).epsilon(1e-3));
  CHECK(upsample_coverage(stroke, 64).values == stroke.values);
  CHECK_THROWS_WITH(upsample_coverage(Coverage(64, 32), 128), Catch::Contains("must be square"));
  CHECK_THROWS_WITH(upsample_coverage(stroke, 0), Catch::Contains("size 0"));
}
