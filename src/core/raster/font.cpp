// FontFace: fontconfig lookup by family, FreeType outlines decomposed into our path verbs.
#include "ink/raster/font.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include <algorithm>
#include <map>

#include "ink/base/error.h"
#include "ink/base/utf8.h"
#include "raster/freetype_library.h"

namespace ink {

struct FontFace::Face {
  std::shared_ptr<Rasterizer::Library> library = std::make_shared<Rasterizer::Library>();
  FT_Face handle = nullptr;
  ~Face() {
    if (handle) FT_Done_Face(handle);
  }
};

std::vector<NamedFont> parse_named_fonts(const std::string& list) {
  std::vector<NamedFont> fonts;
  size_t start = 0;
  while (start < list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    const std::string item = list.substr(start, comma - start);
    start = comma + 1;
    if (item.empty()) continue;
    const size_t equals = item.find('=');
    if (equals == 0 || equals + 1 == item.size()) throw InkError("'" + item + "' in '" + list + "': expected NAME=FAMILY or FAMILY");
    fonts.push_back(equals == std::string::npos ? NamedFont{item, item} : NamedFont{item.substr(0, equals), item.substr(equals + 1)});
  }
  return fonts;
}

std::string debian_package_for_font(const std::string& family) {
  static const std::map<std::string, std::string> known = {
      {"AR PL KaitiM GB", "fonts-arphic-gkai00mp"}, {"AR PL UKai CN", "fonts-arphic-ukai"},
      {"LXGW WenKai", "fonts-lxgw-wenkai"},         {"TW-Kai", "fonts-cns11643-kai"},
      {"KouzanBrushFont", "fonts-kouzan-mouhitsu"}, {"AoyagiKouzanFontT", "fonts-aoyagi-kouzan-t"},
      {"cwTeXKai", "fonts-cwtex-kai"},              {"DejaVu Sans", "fonts-dejavu-core"},
      {"SetoFont", "fonts-seto"},
  };
  const auto it = known.find(family);
  return it == known.end() ? "" : it->second;
}

namespace {

bool family_matches(FcPattern* font, const std::string& wanted) {
  FcChar8* name = nullptr;
  for (int i = 0; FcPatternGetString(font, FC_FAMILY, i, &name) == FcResultMatch; ++i) {
    if (FcStrCmpIgnoreCase(name, reinterpret_cast<const FcChar8*>(wanted.c_str())) == 0) return true;
  }
  return false;
}

}  // namespace

FontFace FontFace::open_family(const std::string& family) {
  if (!FcInit()) throw InkError("fontconfig: cannot initialise");
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(""));
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(nullptr, pattern, &result);
  FcPatternDestroy(pattern);

  std::string file;
  int index = 0;
  if (match && family_matches(match, family)) {
    FcChar8* path = nullptr;
    if (FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch) file = reinterpret_cast<const char*>(path);
    FcPatternGetInteger(match, FC_INDEX, 0, &index);
  }
  if (match) FcPatternDestroy(match);
  if (file.empty()) {
    const std::string package = debian_package_for_font(family);
    throw InkError("font family '" + family + "' is not installed" +
                   (package.empty() ? std::string(" (see fc-list for installed families)")
                                    : " (apt-get install " + package + ")"));
  }
  FontFace font = open_file(file, index);
  font.family_ = family;
  return font;
}

FontFace FontFace::open_file(const std::filesystem::path& file, int index) {
  FontFace font;
  font.face_ = std::make_shared<Face>();
  const FT_Error error = FT_New_Face(font.face_->library->handle, file.c_str(), index, &font.face_->handle);
  if (error) throw InkError(file.string() + ": cannot open font: " + freetype_error_text(error));
  if (!FT_IS_SCALABLE(font.face_->handle)) throw InkError(file.string() + ": not a scalable (outline) font");
  font.file_ = file;
  font.family_ = font.face_->handle->family_name ? font.face_->handle->family_name : file.stem().string();
  return font;
}

bool FontFace::has_char(char32_t codepoint) const { return FT_Get_Char_Index(face_->handle, codepoint) != 0; }

bool FontFace::draws(char32_t codepoint) const { return has_char(codepoint) && !glyph_outline(codepoint).empty(); }

float FontFace::advance(char32_t codepoint) const {
  const FT_UInt index = FT_Get_Char_Index(face_->handle, codepoint);
  if (FT_Load_Glyph(face_->handle, index, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0) return 0;
  return face_->handle->glyph->advance.x * kBoxSize / face_->handle->units_per_EM;
}

Outline FontFace::glyph_outline(char32_t codepoint) const {
  const FT_UInt index = FT_Get_Char_Index(face_->handle, codepoint);
  if (index == 0) throw InkError("font '" + family_ + "' has no glyph for " + describe_char(codepoint));
  const FT_Error error = FT_Load_Glyph(face_->handle, index, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP);
  if (error) throw InkError("font '" + family_ + "': cannot load " + describe_char(codepoint) + ": " + freetype_error_text(error));
  if (face_->handle->glyph->format != FT_GLYPH_FORMAT_OUTLINE)
    throw InkError("font '" + family_ + "': " + describe_char(codepoint) + " is not an outline glyph");

  // FT_Outline_Decompose resolves TrueType's implied on-points for us.
  struct Builder {
    Outline outline;
    float scale;
    bool open = false;
    Point at(const FT_Vector* v) const { return {v->x * scale, v->y * scale}; }
  } builder{{}, kBoxSize / face_->handle->units_per_EM};
  FT_Outline_Funcs funcs{};
  funcs.move_to = [](const FT_Vector* to, void* user) {
    auto* b = static_cast<Builder*>(user);
    if (b->open) b->outline.verbs.push_back(PathVerb::close);
    b->outline.verbs.push_back(PathVerb::move);
    b->outline.points.push_back(b->at(to));
    b->open = true;
    return 0;
  };
  funcs.line_to = [](const FT_Vector* to, void* user) {
    auto* b = static_cast<Builder*>(user);
    b->outline.verbs.push_back(PathVerb::line);
    b->outline.points.push_back(b->at(to));
    return 0;
  };
  funcs.conic_to = [](const FT_Vector* control, const FT_Vector* to, void* user) {
    auto* b = static_cast<Builder*>(user);
    b->outline.verbs.push_back(PathVerb::quad);
    b->outline.points.push_back(b->at(control));
    b->outline.points.push_back(b->at(to));
    return 0;
  };
  funcs.cubic_to = [](const FT_Vector* c1, const FT_Vector* c2, const FT_Vector* to, void* user) {
    auto* b = static_cast<Builder*>(user);
    b->outline.verbs.push_back(PathVerb::cubic);
    for (const FT_Vector* v : {c1, c2, to}) b->outline.points.push_back(b->at(v));
    return 0;
  };
  FT_Outline_Decompose(&face_->handle->glyph->outline, &funcs, &builder);
  if (builder.open) builder.outline.verbs.push_back(PathVerb::close);
  return builder.outline;
}

}  // namespace ink
