#include <catch2/catch.hpp>

#include <cstring>

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

namespace {

// A pack altered after its checksum was taken, then given a right checksum again, as a crafted
// file would be: only the bounds checks stand between it and a read out of bounds.
std::string with_checksum(std::string bytes) {
  uint32_t h = 2166136261u;  // FNV-1a over everything before the last four bytes
  for (size_t i = 0; i + 4 < bytes.size(); ++i) h = (h ^ static_cast<uint8_t>(bytes[i])) * 16777619u;
  std::memcpy(&bytes[bytes.size() - 4], &h, 4);
  return bytes;
}

void put_u32(std::string& bytes, size_t at, uint32_t value) { std::memcpy(&bytes[at], &value, 4); }

}  // namespace

TEST_CASE("a crafted pack with a right checksum but wrong counts is refused, not read past its end", "[pack][errors]") {
  test::TempDir dir;
  test::sample_library().save_pack(dir / "good.inkpack");
  const std::string bytes = test::read_text(dir / "good.inkpack");
  REQUIRE(StrokeLibrary::open(dir / "good.inkpack").size() == test::sample_library().size());
  auto refused = [&](const std::string& crafted, const std::string& name, const std::string& message) {
    test::write_text(dir / name, with_checksum(crafted));
    CHECK_THROWS_WITH(StrokeLibrary::open(dir / name), Catch::Contains(name) && Catch::Contains(message));
  };
  // Header: magic (8), version, then the counts of glyphs, strokes, verbs, points, medians and
  // radicals, then the data version's length and text; the glyph table follows.
  std::string huge_count = bytes;
  put_u32(huge_count, 16, 0xFFFFFFF0u);  // strokes
  refused(huge_count, "huge.inkpack", "truncated");
  uint32_t version_length = 0;
  std::memcpy(&version_length, &bytes[36], 4);
  std::string many_strokes = bytes;
  const size_t first_glyph_strokes = 40 + version_length + 4;
  many_strokes[first_glyph_strokes] = '\xff', many_strokes[first_glyph_strokes + 1] = '\xff';
  refused(many_strokes, "strokes.inkpack", "inconsistent section sizes");
  std::string one_glyph = bytes;
  put_u32(one_glyph, 12, 1);  // the tables after the glyph table no longer add up
  refused(one_glyph, "glyphs.inkpack", "unexpected trailing bytes");
}

TEST_CASE("a pack is written atomically: a failed write leaves no file behind", "[pack][errors]") {
  test::TempDir dir;
  CHECK_THROWS_WITH(test::sample_library().save_pack(dir / "no-such-dir" / "x.inkpack"), Catch::Contains("cannot write"));
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("a pack opened for a few characters holds exactly those, as the whole pack has them", "[pack]") {
  const auto& library = test::sample_library();
  test::TempDir dir;
  library.save_pack(dir / "sample.inkpack");
  const std::u32string wanted = U"坤干干𠀀";  // a repeat, and one the data lacks
  const StrokeLibrary few = StrokeLibrary::open(dir / "sample.inkpack", &wanted);
  REQUIRE(few.size() == 2);
  CHECK(few.glyph(U'干') == library.glyph(U'干'));
  CHECK(few.glyph(U'坤') == library.glyph(U'坤'));
  CHECK_FALSE(few.contains(U'大'));
  // Every glyph after a skipped one still reads right: the last in code point order.
  const std::u32string last(1, library.glyphs().back().codepoint);
  CHECK(StrokeLibrary::open(dir / "sample.inkpack", &last).glyphs().front() == library.glyphs().back());
  // A crafted count in a skipped glyph is refused as it is when every glyph is read.
  const std::string bytes = test::read_text(dir / "sample.inkpack");
  uint32_t version_length = 0;
  std::memcpy(&version_length, &bytes[36], 4);
  std::string many_strokes = bytes;
  const size_t first_glyph_strokes = 40 + version_length + 4;
  many_strokes[first_glyph_strokes] = '\xff', many_strokes[first_glyph_strokes + 1] = '\xff';
  test::write_text(dir / "strokes.inkpack", with_checksum(many_strokes));
  CHECK_THROWS_WITH(StrokeLibrary::open(dir / "strokes.inkpack", &last), Catch::Contains("inconsistent section sizes"));
}
