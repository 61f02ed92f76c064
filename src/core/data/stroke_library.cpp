// StrokeLibrary: loading from JSON directories and lookups. The binary pack is in stroke_pack.cpp.
#include "ink/data/stroke_library.h"

#include <algorithm>

#include "ink/base/error.h"
#include "ink/base/utf8.h"

namespace ink {

StrokeLibrary StrokeLibrary::open(const std::filesystem::path& path, const std::u32string* only) {
  if (std::filesystem::is_directory(path)) return from_json_dir(path, "json:" + path.filename().string(), only);
  if (!std::filesystem::exists(path))
    throw InkError(path.string() + ": stroke data not found (run tools/run or tools/test once to fetch and pack it)");
  return load_pack(path, only);
}

StrokeLibrary StrokeLibrary::from_json_dir(const std::filesystem::path& dir, std::string data_version, const std::u32string* only) {
  StrokeLibrary library;
  library.data_version_ = std::move(data_version);
  library.origin_ = dir;
  bool any = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto& path = entry.path();
    if (path.extension() != ".json" || path.filename() == "package.json") continue;
    any = true;
    if (only) {  // named after their character: 永.json
      const std::u32string stem = decode_utf8(path.stem().string(), path.string());
      if (stem.size() != 1 || only->find(stem[0]) == std::u32string::npos) continue;
    }
    library.glyphs_.push_back(load_glyph_json(path));
  }
  if (!any) throw InkError(dir.string() + ": no <char>.json stroke files in this directory");
  std::sort(library.glyphs_.begin(), library.glyphs_.end(),
            [](const Glyph& a, const Glyph& b) { return a.codepoint < b.codepoint; });
  return library;
}

bool StrokeLibrary::contains(char32_t codepoint) const {
  const auto it = std::lower_bound(glyphs_.begin(), glyphs_.end(), codepoint,
                                   [](const Glyph& g, char32_t cp) { return g.codepoint < cp; });
  return it != glyphs_.end() && it->codepoint == codepoint;
}

const Glyph& StrokeLibrary::glyph(char32_t codepoint) const {
  const auto it = std::lower_bound(glyphs_.begin(), glyphs_.end(), codepoint,
                                   [](const Glyph& g, char32_t cp) { return g.codepoint < cp; });
  if (it == glyphs_.end() || it->codepoint != codepoint)
    throw InkError("no stroke data for " + describe_char(codepoint) + " in " + origin_.string());
  return *it;
}

std::vector<char32_t> StrokeLibrary::codepoints() const {
  std::vector<char32_t> out;
  out.reserve(glyphs_.size());
  for (const auto& g : glyphs_) out.push_back(g.codepoint);
  return out;
}

}  // namespace ink
