// The UI font: a Debian CJK font (LXGW WenKai) rendered through imgui_freetype, with glyphs for
// common simplified Chinese plus every character the user has typed (the atlas is rebuilt
// between frames when new ones appear).
#pragma once
#include <set>
#include <string>

namespace ink::app {

class UiFont {
 public:
  // Throws InkError naming the family and the Debian package when the font is missing.
  explicit UiFont(float pixels);
  // Adds the characters of `utf8` that the atlas lacks; rebuilds it when there were any.
  // Call outside an ImGui frame.
  void cover(const std::string& utf8);

 private:
  void build();
  std::string file_;
  float pixels_;
  std::set<char32_t> extra_;
  bool uploaded_ = false;
};

}  // namespace ink::app
