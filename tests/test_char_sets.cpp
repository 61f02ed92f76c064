#include <catch2/catch.hpp>

#include <set>

#include "ink/base/error.h"
#include "ink/base/paths.h"
#include "ink/data/char_sets.h"
#include "test_helpers.h"

using namespace ink;

TEST_CASE("the committed held-out list is the hash set, about 10%", "[sets]") {
  const auto listed = read_char_list(test::source_dir() / "strokes" / "heldout.txt");
  const std::set<char32_t> heldout(listed.begin(), listed.end());
  CHECK(heldout.size() == listed.size());
  for (char32_t c : listed) CHECK(heldout_by_hash(c));
  // Every sample character agrees with the hash, in both directions.
  size_t sample_heldout = 0;
  for (char32_t c : test::sample_library().codepoints()) {
    CHECK(heldout.count(c) == static_cast<size_t>(heldout_by_hash(c)));
    sample_heldout += heldout.count(c);
  }
  CHECK(sample_heldout >= 5);  // the sample covers both sets
  CHECK(listed.size() > 800);
  CHECK(listed.size() < 1100);
}

TEST_CASE("character selections: sets and literal lists", "[sets]") {
  const auto& library = test::sample_library();
  const auto list = test::source_dir() / "strokes" / "heldout.txt";
  const auto heldout = select_chars(library, "heldout", list);
  const auto seen = select_chars(library, "seen", list);
  CHECK(heldout.size() + seen.size() == library.size());
  for (char32_t c : heldout) CHECK(heldout_by_hash(c));
  for (char32_t c : seen) CHECK_FALSE(heldout_by_hash(c));
  CHECK(select_chars(library, "坤干", list) == std::vector<char32_t>{U'坤', U'干'});
  CHECK_THROWS_WITH(select_chars(library, "永𠀀", list), Catch::Contains("no stroke data for '𠀀'"));
}
