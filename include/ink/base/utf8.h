// UTF-8 <-> code points, and how a character is named in messages ("'永' (U+6C38)").
#pragma once
#include <string>
#include <string_view>

namespace ink {

// Throws InkError naming `where` and the byte offset on malformed input.
std::u32string decode_utf8(std::string_view text, std::string_view where = "text");
std::string encode_utf8(char32_t codepoint);
std::string encode_utf8(std::u32string_view text);
std::string describe_char(char32_t codepoint);

}  // namespace ink
