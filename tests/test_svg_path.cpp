#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "ink/base/error.h"
#include "ink/data/svg_path.h"
#include "ink/raster/raster.h"
#include "test_helpers.h"

using namespace ink;

TEST_CASE("the data's path commands parse into verbs and points", "[svg]") {
  const Outline o = parse_svg_path("M 440 788 Q 497 731 535 718 L 1 2 C 1 2 3 4 5.5 -6.25 Z", "test");
  REQUIRE(o.verbs == std::vector<PathVerb>{PathVerb::move, PathVerb::quad, PathVerb::line, PathVerb::cubic, PathVerb::close});
  REQUIRE(o.points.size() == 1 + 2 + 1 + 3);
  CHECK(o.points[0] == Point{440, 788});
  CHECK(o.points[2] == Point{535, 718});
  CHECK(o.points[6] == Point{5.5f, -6.25f});
}

TEST_CASE("formatting and parsing a path round-trips", "[svg]") {
  const Outline o = parse_svg_path("M 1 2 L 3 4 Q 5 6 7 8 C 9 10 11 12 13.5 14 Z M 0 0 L 1 1 Z", "test");
  CHECK(parse_svg_path(format_svg_path(o), "again") == o);
}

TEST_CASE("unsupported or malformed paths name the origin and the offset", "[svg]") {
  CHECK_THROWS_WITH(parse_svg_path("M 0 0 l 5 5 Z", "春.json stroke 2"),
                    Catch::Contains("春.json stroke 2") && Catch::Contains("offset 6") && Catch::Contains("'l'"));
  CHECK_THROWS_WITH(parse_svg_path("M 0 0 A 1 1 0 0 0 5 5", "f"), Catch::Contains("unsupported command 'A'"));
  CHECK_THROWS_WITH(parse_svg_path("M 0 0 L 5", "f"), Catch::Contains("expected a number"));
  CHECK_THROWS_WITH(parse_svg_path("L 5 5", "f"), Catch::Contains("before any 'M'"));
  CHECK_THROWS_WITH(parse_svg_path("M 0 0 L 1e99999 2", "f"), Catch::Contains("bad number"));
  CHECK_THROWS_WITH(parse_svg_path("  ", "f"), Catch::Contains("empty path"));
  CHECK_THROWS_AS(parse_svg_path("M 0 0 Z L 1 1", "f"), InkError);
}

TEST_CASE("subdividing an outline keeps its shape and cuts every segment short", "[svg]") {
  Glyph glyph = test::sample_library().glyph(U'永');
  // And a path of every verb: the data's outlines are quads and lines.
  glyph.strokes.push_back({parse_svg_path("M 100 100 C 300 400 600 -100 900 300 L 900 500 Q 500 700 100 500 Z", "test"), {{100, 100}, {900, 500}}});
  Rasterizer rasterizer;
  const BoxToPixels to_pixels = BoxToPixels::square(256);
  for (const Stroke& stroke : glyph.strokes) {
    const Outline finer = subdivided(stroke.outline, 20);
    CHECK(finer.verbs.size() >= stroke.outline.verbs.size());
    // A line is cut to 20 box units or less; a curve into as many pieces as its control polygon is
    // long in 20s, each about that long.
    size_t at = 0;
    Point current;
    for (PathVerb verb : finer.verbs) {
      const int n = points_per_verb(verb);
      if (n == 0) continue;
      const Point end = finer.points[at + static_cast<size_t>(n) - 1];
      if (verb == PathVerb::line) CHECK(std::hypot(end.x - current.x, end.y - current.y) <= 20.01f);
      if (verb == PathVerb::quad || verb == PathVerb::cubic) CHECK(std::hypot(end.x - current.x, end.y - current.y) <= 40.0f);
      current = end;
      at += static_cast<size_t>(n);
    }
    const Coverage before = rasterizer.fill(stroke.outline, to_pixels, 256, 256), after = rasterizer.fill(finer, to_pixels, 256, 256);
    // FreeType flattens the shorter curves a little differently: an edge moves by a tenth of a pixel.
    float largest = 0;
    for (size_t i = 0; i < before.values.size(); ++i) largest = std::max(largest, std::fabs(before.values[i] - after.values[i]));
    CHECK(largest < 0.15f);
    CHECK(coverage_iou(before, after) > 0.995f);
    const Polyline median = subdivided(stroke.median, 20);
    CHECK(median.front() == stroke.median.front());
    CHECK(median.back() == stroke.median.back());
    CHECK(polyline_length(median) == Approx(polyline_length(stroke.median)).epsilon(1e-4));
    for (size_t i = 1; i < median.size(); ++i) CHECK(std::hypot(median[i].x - median[i - 1].x, median[i].y - median[i - 1].y) <= 20.01f);
  }
}
