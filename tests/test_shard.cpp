#include <catch2/catch.hpp>

#include <random>

#include "ink/base/error.h"
#include "ink/dataset/shard.h"
#include "test_helpers.h"

using namespace ink;

TEST_CASE("a shard round-trips planes and metadata byte for byte", "[shard]") {
  test::TempDir dir;
  std::mt19937 rng(42);
  const int channels = 3, size = 16, count = 37;
  std::vector<std::vector<uint8_t>> written;
  ShardWriter writer(dir / "a.shard", SampleKind::stroke_step, channels, size);
  for (int i = 0; i < count; ++i) {
    std::vector<uint8_t> planes(channels * size * size);
    for (auto& v : planes) v = static_cast<uint8_t>(rng());
    writer.add({static_cast<uint32_t>(0x4E00 + i), static_cast<uint16_t>(i % 7), 9, 2, 0}, planes.data());
    written.push_back(planes);
  }
  CHECK_FALSE(std::filesystem::exists(dir / "a.shard"));  // nothing visible until finished
  writer.finish();

  const Shard shard = Shard::read(dir / "a.shard");
  CHECK(shard.kind() == SampleKind::stroke_step);
  CHECK(shard.channels() == channels);
  CHECK(shard.size() == size);
  REQUIRE(shard.count() == count);
  for (int i = 0; i < count; ++i) {
    CHECK(std::equal(written[i].begin(), written[i].end(), shard.planes(i)));
    CHECK(shard.meta(i).codepoint == static_cast<uint32_t>(0x4E00 + i));
    CHECK(shard.meta(i).step == i % 7);
    CHECK(shard.meta(i).stroke_count == 9);
    CHECK(shard.meta(i).style == 2);
  }
}

TEST_CASE("damaged shards are refused with the file named", "[shard][errors]") {
  test::TempDir dir;
  {
    ShardWriter writer(dir / "s.shard", SampleKind::whole_glyph, 2, 8);
    const std::vector<uint8_t> planes(2 * 8 * 8, 7);
    for (int i = 0; i < 5; ++i) writer.add({U'永', 0, 5, 0, 0}, planes.data());
    writer.finish();
  }
  const std::string bytes = test::read_text(dir / "s.shard");
  test::write_text(dir / "cut.shard", bytes.substr(0, bytes.size() - 100));
  CHECK_THROWS_WITH(Shard::read(dir / "cut.shard"), Catch::Contains("cut.shard") && Catch::Contains("truncated"));
  std::string flipped = bytes;
  flipped[200] ^= 1;
  test::write_text(dir / "flip.shard", flipped);
  CHECK_THROWS_WITH(Shard::read(dir / "flip.shard"), Catch::Contains("checksum mismatch"));
  test::write_text(dir / "junk.shard", "hello");
  CHECK_THROWS_WITH(Shard::read(dir / "junk.shard"), Catch::Contains("bad magic"));
}
