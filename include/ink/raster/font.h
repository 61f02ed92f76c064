// Installed fonts, found by family name through fontconfig, with glyph outlines in the stroke
// data's 1024 box (y up) so a font glyph and a character's strokes can be compared directly.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ink/data/outline.h"
#include "ink/raster/raster.h"

namespace ink {

class FontFace {
 public:
  // Throws InkError naming the family (and the Debian package, when known) if it is not
  // installed. Fontconfig always offers a fallback; we only accept an exact family match.
  static FontFace open_family(const std::string& family);
  static FontFace open_file(const std::filesystem::path& file, int index = 0);

  bool has_char(char32_t codepoint) const;
  // Has a glyph with ink in it: some fonts map characters they lack to an empty glyph.
  bool draws(char32_t codepoint) const;
  // The glyph's outline scaled from font units to the 1024 box with the baseline at y = 0.
  // Throws InkError if the font has no glyph for the character.
  Outline glyph_outline(char32_t codepoint) const;
  float advance(char32_t codepoint) const;  // in 1024-box units

  const std::string& family() const { return family_; }
  const std::filesystem::path& file() const { return file_; }

  struct Face;

 private:
  std::shared_ptr<Face> face_;
  std::string family_;
  std::filesystem::path file_;
};

// "kai=AR PL UKai CN,LXGW WenKai": fonts named for a list of styles or columns, NAME=FAMILY or a
// bare FAMILY (named after itself). Empty items are skipped; "=X" or "X=" throws InkError.
struct NamedFont {
  std::string name, family;
};
std::vector<NamedFont> parse_named_fonts(const std::string& list);

// The Debian package that ships a font family we know of, or "" when we do not know.
std::string debian_package_for_font(const std::string& family);

}  // namespace ink
