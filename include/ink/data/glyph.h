// A character as stroke data: its strokes in writing order, each an outline plus a median
// (skeleton) in writing direction. Loaded from hanzi-writer-data JSON or the packed library.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ink/data/outline.h"

namespace ink {

struct Stroke {
  Outline outline;
  Polyline median;
  friend bool operator==(const Stroke& a, const Stroke& b) {
    return a.outline == b.outline && a.median == b.median;
  }
};

struct Glyph {
  char32_t codepoint = 0;
  std::vector<Stroke> strokes;
  std::vector<int> radical_strokes;  // indices of the strokes that form the radical
  friend bool operator==(const Glyph& a, const Glyph& b) {
    return a.codepoint == b.codepoint && a.strokes == b.strokes && a.radical_strokes == b.radical_strokes;
  }
};

// `where` names the origin in error messages (a file path, usually).
Glyph glyph_from_json(std::string_view json_text, char32_t codepoint, std::string_view where);
// Reads `<char>.json`; the character comes from the file name, as in hanzi-writer-data.
Glyph load_glyph_json(const std::filesystem::path& file);

}  // namespace ink
