// UTF-8 decoding with strict checks (overlongs, surrogates, truncation all rejected).
#include "ink/base/utf8.h"

#include <cstdio>

#include "ink/base/error.h"

namespace ink {

std::u32string decode_utf8(std::string_view text, std::string_view where) {
  std::u32string out;
  size_t i = 0;
  auto fail = [&](const char* why) {
    throw InkError(std::string(where) + ": invalid UTF-8 at byte " + std::to_string(i) + " (" + why + ")");
  };
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int extra = 0;
    char32_t cp = 0;
    if (lead < 0x80) {
      cp = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      extra = 1, cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2, cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3, cp = lead & 0x07;
    } else {
      fail("bad lead byte");
    }
    for (int j = 1; j <= extra; ++j) {
      if (i + j >= text.size()) fail("truncated");
      const auto c = static_cast<unsigned char>(text[i + j]);
      if ((c & 0xC0) != 0x80) fail("bad continuation byte");
      cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr char32_t min_for_length[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_for_length[extra]) fail("overlong encoding");
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) fail("not a Unicode scalar value");
    out.push_back(cp);
    i += extra + 1;
  }
  return out;
}

std::string encode_utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  for (char32_t cp : text) out += encode_utf8(cp);
  return out;
}

std::string describe_char(char32_t cp) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
  return "'" + encode_utf8(cp) + "' (" + hex + ")";
}

}  // namespace ink
