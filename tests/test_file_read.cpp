// Whole-file reads and mappings are refused by size before a byte is read, with one line naming the file.
#include <catch2/catch.hpp>

#include <fstream>

#include "ink/base/error.h"
#include "ink/base/file_read.h"
#include "ink/base/mapped_file.h"
#include "ink/render/image.h"
#include "test_helpers.h"

using namespace ink;
using Catch::Matchers::Contains;

TEST_CASE("a file is read whole, or refused in one line before it is read", "[file]") {
  test::TempDir dir;
  test::write_text(dir / "small.txt", "four");
  CHECK(read_file(dir / "small.txt", 4, "a note") == "four");
  CHECK(read_file_bytes(dir / "small.txt", 4, "a note") == std::vector<uint8_t>{'f', 'o', 'u', 'r'});
  CHECK_THROWS_WITH(read_file(dir / "small.txt", 3, "a note"), dir.path().string() + "/small.txt: 4 bytes, over the 3 bytes a note may be");
  CHECK_THROWS_WITH(read_file(dir / "absent.txt", 10, "a note"), Contains("absent.txt: cannot open a note (") && Contains("No such file"));
  CHECK_THROWS_WITH(read_file(dir.path(), 10, "a note"), Contains(": cannot open a note (a folder)"));
  // A sparse file of 300 MiB costs nothing to make and must cost nothing to refuse.
  {
    std::ofstream touch(dir / "huge.png");
  }
  std::filesystem::resize_file(dir / "huge.png", uint64_t{300} << 20);
  CHECK_THROWS_WITH(read_image(dir / "huge.png"), Contains("huge.png: 300 MiB, over the 256 MiB an image may be"));
}

TEST_CASE("a file is mapped whole, or refused in one line as a read is", "[file]") {
  test::TempDir dir;
  test::write_text(dir / "small.txt", "four");
  const auto mapped = MappedFile::open(dir / "small.txt", 4, "a note");
  REQUIRE(mapped->size() == 4);
  CHECK(std::string(reinterpret_cast<const char*>(mapped->data()), mapped->size()) == "four");
  // Replaced by rename, as every file here is written: the mapping keeps the old contents.
  test::write_text(dir / "next.txt", "five");
  std::filesystem::rename(dir / "next.txt", dir / "small.txt");
  CHECK(std::string(reinterpret_cast<const char*>(mapped->data()), mapped->size()) == "four");
  test::write_text(dir / "empty.txt", "");
  CHECK(MappedFile::open(dir / "empty.txt", 4, "a note")->size() == 0);
  CHECK_THROWS_WITH(MappedFile::open(dir / "small.txt", 3, "a note"), dir.path().string() + "/small.txt: 4 bytes, over the 3 bytes a note may be");
  CHECK_THROWS_WITH(MappedFile::open(dir / "absent.txt", 10, "a note"), Contains("absent.txt: cannot open a note (") && Contains("No such file"));
  CHECK_THROWS_WITH(MappedFile::open(dir.path(), 10, "a note"), Contains(": cannot open a note (a folder)"));
}
