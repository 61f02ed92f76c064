#include <catch2/catch.hpp>

#include "ink/base/error.h"
#include "ink/data/stroke_library.h"
#include "test_helpers.h"

using namespace ink;

TEST_CASE("the packed file round-trips every stroke of the sample exactly", "[pack]") {
  const auto& library = test::sample_library();
  test::TempDir dir;
  library.save_pack(dir / "sample.inkpack");
  const StrokeLibrary loaded = StrokeLibrary::open(dir / "sample.inkpack");
  CHECK(loaded.data_version() == "sample");
  REQUIRE(loaded.size() == library.size());
  CHECK(loaded.glyphs() == library.glyphs());
  CHECK(loaded.contains(U'坤'));
  CHECK_FALSE(loaded.contains(U'𠀀'));
  CHECK_THROWS_WITH(loaded.glyph(U'𠀀'), Catch::Contains("no stroke data for '𠀀' (U+20000)"));
}

TEST_CASE("truncated, corrupted or foreign pack files are refused", "[pack][errors]") {
  test::TempDir dir;
  test::sample_library().save_pack(dir / "good.inkpack");
  const std::string bytes = test::read_text(dir / "good.inkpack");

  test::write_text(dir / "short.inkpack", bytes.substr(0, bytes.size() / 2));
  CHECK_THROWS_WITH(StrokeLibrary::open(dir / "short.inkpack"), Catch::Contains("short.inkpack") && Catch::Contains("checksum"));

  std::string flipped = bytes;
  flipped[bytes.size() / 3] ^= 0x40;
  test::write_text(dir / "flipped.inkpack", flipped);
  CHECK_THROWS_WITH(StrokeLibrary::open(dir / "flipped.inkpack"), Catch::Contains("checksum mismatch"));

  test::write_text(dir / "foreign.inkpack", "PK\x03\x04 not ours at all");
  CHECK_THROWS_WITH(StrokeLibrary::open(dir / "foreign.inkpack"), Catch::Contains("bad magic"));

  CHECK_THROWS_WITH(StrokeLibrary::open(dir / "absent.inkpack"), Catch::Contains("stroke data not found"));
}

TEST_CASE("a pack is written atomically: a failed write leaves no file behind", "[pack][errors]") {
  test::TempDir dir;
  CHECK_THROWS_WITH(test::sample_library().save_pack(dir / "no-such-dir" / "x.inkpack"), Catch::Contains("cannot write"));
  CHECK(std::filesystem::is_empty(dir.path()));
}
