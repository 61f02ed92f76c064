#include <catch2/catch.hpp>

#include "ink/base/error.h"
#include "ink/base/utf8.h"
#include "ink/raster/font.h"
#include "test_helpers.h"

using namespace ink;

TEST_CASE("the strokes' union matches the AR PL KaitiM GB glyph they were traced from", "[font]") {
  const FontFace font = FontFace::open_family("AR PL KaitiM GB");
  Rasterizer r;
  const BoxToPixels m = BoxToPixels::square(64);
  int compared = 0;
  for (const Glyph& g : test::sample_library().glyphs()) {
    if (!font.has_char(g.codepoint)) continue;  // traditional-only forms are not in this GB font
    Coverage strokes(64, 64);
    for (const Stroke& s : g.strokes) r.fill(s.outline, m, strokes);
    const Coverage glyph = r.fill(font.glyph_outline(g.codepoint), m, 64, 64);
    INFO(describe_char(g.codepoint));
    CHECK(coverage_iou(strokes, glyph) >= 0.9f);
    ++compared;
  }
  CHECK(compared >= 50);
}

TEST_CASE("other Kai fonts draw the same character in another hand", "[font]") {
  const FontFace kaiti = FontFace::open_family("AR PL KaitiM GB");
  const FontFace wenkai = FontFace::open_family("LXGW WenKai");
  Rasterizer r;
  const BoxToPixels m = BoxToPixels::square(64);
  const float iou = coverage_iou(r.fill(kaiti.glyph_outline(U'永'), m, 64, 64), r.fill(wenkai.glyph_outline(U'永'), m, 64, 64));
  CHECK(iou > 0.2f);  // the same character, roughly in the same place...
  CHECK(iou < 0.9f);  // ...but not the same glyph
}

TEST_CASE("a missing font family or glyph gives a clear error", "[font][errors]") {
  CHECK_THROWS_WITH(FontFace::open_family("No Such Calligraphy"),
                    Catch::Contains("font family 'No Such Calligraphy' is not installed"));
  CHECK_THROWS_WITH(FontFace::open_file("/nonexistent/font.ttf"), Catch::Contains("/nonexistent/font.ttf"));
  const FontFace dejavu = FontFace::open_family("DejaVu Sans");
  CHECK_FALSE(dejavu.has_char(U'永'));
  CHECK_THROWS_WITH(dejavu.glyph_outline(U'永'), Catch::Contains("has no glyph for '永'"));
  CHECK_FALSE(dejavu.draws(U'永'));
  CHECK(dejavu.has_char(U' '));  // mapped, but to a glyph without ink
  CHECK_FALSE(dejavu.draws(U' '));
  CHECK(dejavu.draws(U'A'));
}
