#include <catch2/catch.hpp>

#include "ink/base/error.h"
#include "ink/data/svg_path.h"

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
