#include <catch2/catch.hpp>

#include "ink/base/error.h"
#include "ink/data/glyph.h"
#include "test_helpers.h"

using namespace ink;

TEST_CASE("the article's characters have their textbook stroke counts", "[json]") {
  const auto& library = test::sample_library();
  CHECK(library.glyph(U'春').strokes.size() == 9);
  CHECK(library.glyph(U'满').strokes.size() == 13);
  CHECK(library.glyph(U'干').strokes.size() == 3);
  CHECK(library.glyph(U'坤').strokes.size() == 8);
  CHECK(library.glyph(U'永').strokes.size() == 5);
}

TEST_CASE("a glyph file carries outlines, medians in writing direction and radical strokes", "[json]") {
  const Glyph g = load_glyph_json(test::sample_dir() / "永.json");
  CHECK(g.codepoint == U'永');
  CHECK(g.radical_strokes == std::vector<int>{1, 2, 3, 4});  // 水, without the dot
  // First stroke of 永 is the dot: it starts at upper left (y up) and moves down-right.
  const Polyline& dot = g.strokes[0].median;
  CHECK(dot.front().x < dot.back().x);
  CHECK(dot.front().y > dot.back().y);
  for (const Stroke& s : g.strokes) {
    CHECK(s.outline.verbs.front() == PathVerb::move);
    CHECK(s.outline.verbs.back() == PathVerb::close);
  }
}

TEST_CASE("broken glyph JSON gives one clear error naming the file", "[json][errors]") {
  CHECK_THROWS_WITH(glyph_from_json("{\"strokes\": [", U'永', "永.json"), Catch::Contains("永.json: malformed JSON"));
  CHECK_THROWS_WITH(glyph_from_json("[]", U'永', "x.json"), Catch::Contains("'strokes' and 'medians'"));
  CHECK_THROWS_WITH(glyph_from_json(R"({"strokes": ["M 0 0 L 1 1 Z"], "medians": []})", U'永', "x.json"),
                    Catch::Contains("1 strokes but 0 medians"));
  CHECK_THROWS_WITH(glyph_from_json(R"({"strokes": ["M 0 0 L 1 1 Z"], "medians": [[[0, 0]]]})", U'永', "x.json"),
                    Catch::Contains("at least 2"));
  CHECK_THROWS_WITH(glyph_from_json(R"({"strokes": ["M 0 0 S 1 1 Z"], "medians": [[[0,0],[1,1]]]})", U'永', "x.json"),
                    Catch::Contains("x.json stroke 0") && Catch::Contains("offset 6"));
  CHECK_THROWS_WITH(
      glyph_from_json(R"({"strokes": ["M 0 0 L 1 1 Z"], "medians": [[[0,0],[1,1]]], "radStrokes": [3]})", U'永', "x.json"),
      Catch::Contains("radStrokes"));
}

TEST_CASE("a file name that is not one character is refused", "[json][errors]") {
  test::TempDir dir;
  test::write_text(dir / "ab.json", R"({"strokes": ["M 0 0 L 1 1 Z"], "medians": [[[0,0],[1,1]]]})");
  CHECK_THROWS_WITH(load_glyph_json(dir / "ab.json"), Catch::Contains("one character"));
  CHECK_THROWS_WITH(load_glyph_json(dir / "missing.json"), Catch::Contains("cannot open"));
}
