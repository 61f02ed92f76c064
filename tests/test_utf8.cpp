#include <catch2/catch.hpp>

#include "ink/base/error.h"
#include "ink/base/utf8.h"

using namespace ink;

TEST_CASE("UTF-8 round-trips CJK, astral and ASCII text", "[utf8]") {
  const std::string text = "春满干坤 永 a𠀀";
  const std::u32string decoded = decode_utf8(text);
  CHECK(decoded == U"春满干坤 永 a𠀀");
  CHECK(encode_utf8(decoded) == text);
  CHECK(describe_char(U'永') == "'永' (U+6C38)");
}

TEST_CASE("malformed UTF-8 is rejected with the byte offset", "[utf8]") {
  CHECK_THROWS_WITH(decode_utf8("ab\xE6\xB0", "TEXT"), Catch::Contains("TEXT") && Catch::Contains("byte 2"));
  CHECK_THROWS_AS(decode_utf8("\xC0\xAF"), InkError);       // overlong '/'
  CHECK_THROWS_AS(decode_utf8("\xED\xA0\x80"), InkError);   // surrogate
  CHECK_THROWS_AS(decode_utf8("\xFF"), InkError);
}
