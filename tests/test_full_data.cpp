// The full data set that tools/setup fetches and packs (label: data).
#include <catch2/catch.hpp>

#include <set>

#include "ink/base/paths.h"
#include "ink/data/char_sets.h"
#include "test_helpers.h"

using namespace ink;

namespace {

const StrokeLibrary& full_library() {
  static const StrokeLibrary library = StrokeLibrary::open(test::source_dir() / "strokes" / "hanzi.inkpack");
  return library;
}

}  // namespace

TEST_CASE("the packed data has all 9,574 characters, 1 to 33 strokes each", "[data]") {
  const auto& library = full_library();
  CHECK(library.size() == 9574);
  CHECK(library.data_version() == "hanzi-writer-data@2.0.1");
  size_t strokes = 0, most = 0, fewest = 100;
  for (const Glyph& g : library.glyphs()) {
    strokes += g.strokes.size();
    most = std::max(most, g.strokes.size());
    fewest = std::min(fewest, g.strokes.size());
  }
  CHECK(strokes == 112617);
  CHECK(fewest == 1);
  CHECK(most == 33);
  CHECK(library.glyph(U'满').strokes.size() == 13);
}

TEST_CASE("the packed data agrees with the committed sample", "[data]") {
  for (const Glyph& g : test::sample_library().glyphs()) CHECK(full_library().glyph(g.codepoint) == g);
}

TEST_CASE("the committed held-out list is exactly the hash split of the full data", "[data]") {
  const auto listed = read_char_list(test::source_dir() / "strokes" / "heldout.txt");
  std::vector<char32_t> expected;
  for (char32_t c : full_library().codepoints())
    if (heldout_by_hash(c)) expected.push_back(c);
  CHECK(listed == expected);
}
