// All characters' stroke data, sorted by code point, from a directory of hanzi-writer-data
// JSON files or from the packed file (strokes/hanzi.inkpack) that loads in milliseconds.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "ink/data/glyph.h"

namespace ink {

class StrokeLibrary {
 public:
  // A `.inkpack` file, or a directory of `<char>.json` files. With `only`, just those characters
  // (the ones the data has): a tool writing a few characters need not build all 9,574.
  static StrokeLibrary open(const std::filesystem::path& path, const std::u32string* only = nullptr);
  static StrokeLibrary from_json_dir(const std::filesystem::path& dir, std::string data_version,
                                     const std::u32string* only = nullptr);
  static StrokeLibrary load_pack(const std::filesystem::path& file, const std::u32string* only = nullptr);
  // A pack's bytes; every count and offset is checked against them (errors begin "WHERE: "),
  // whether or not its glyph is kept.
  static StrokeLibrary parse_pack(const uint8_t* data, size_t size, const std::string& where, const std::u32string* only = nullptr);
  // Atomic (temporary file + rename). Throws if a coordinate does not fit the pack's grid.
  void save_pack(const std::filesystem::path& file) const;

  size_t size() const { return glyphs_.size(); }
  bool contains(char32_t codepoint) const;
  // Throws InkError "no stroke data for '𠀀' (U+20000)" for unknown characters.
  const Glyph& glyph(char32_t codepoint) const;
  const std::vector<Glyph>& glyphs() const { return glyphs_; }
  std::vector<char32_t> codepoints() const;
  const std::string& data_version() const { return data_version_; }
  const std::filesystem::path& origin() const { return origin_; }

 private:
  std::vector<Glyph> glyphs_;  // sorted by code point
  std::string data_version_;
  std::filesystem::path origin_;
};

}  // namespace ink
