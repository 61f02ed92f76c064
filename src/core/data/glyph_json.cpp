// hanzi-writer-data's per-character JSON: {strokes: [svg path], medians: [[[x, y]]], radStrokes}.
#include <nlohmann/json.hpp>

#include "base/json_document.h"
#include "ink/base/error.h"
#include "ink/base/utf8.h"
#include "ink/data/glyph.h"
#include "ink/data/svg_path.h"

namespace ink {
namespace {

Polyline parse_median(const nlohmann::json& median, const std::string& where) {
  if (!median.is_array() || median.size() < 2)
    throw InkError(where + ": a median must be an array of at least 2 [x, y] points");
  Polyline line;
  for (const auto& p : median) {
    if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
      throw InkError(where + ": a median point must be [x, y], found " + p.dump());
    line.push_back({json_float(p[0], "x"), json_float(p[1], "y")});
  }
  return line;
}

}  // namespace

Glyph glyph_from_json(std::string_view json_text, char32_t codepoint, std::string_view where) {
  const std::string origin(where);
  const nlohmann::json doc = parse_json(json_text, origin);
  if (!doc.is_object() || !doc.contains("strokes") || !doc.contains("medians"))
    throw InkError(origin + ": expected an object with 'strokes' and 'medians'");
  const auto& strokes = doc["strokes"];
  const auto& medians = doc["medians"];
  if (!strokes.is_array() || !medians.is_array() || strokes.empty())
    throw InkError(origin + ": 'strokes' and 'medians' must be non-empty arrays");
  if (strokes.size() != medians.size())
    throw InkError(origin + ": " + std::to_string(strokes.size()) + " strokes but " +
                   std::to_string(medians.size()) + " medians");

  Glyph glyph;
  glyph.codepoint = codepoint;
  for (size_t k = 0; k < strokes.size(); ++k) {
    const std::string stroke_where = origin + " stroke " + std::to_string(k);
    if (!strokes[k].is_string()) throw InkError(stroke_where + ": the path must be a string");
    Stroke stroke;
    stroke.outline = parse_svg_path(strokes[k].get<std::string>(), stroke_where);
    stroke.median = parse_median(medians[k], stroke_where);
    glyph.strokes.push_back(std::move(stroke));
  }
  if (doc.contains("radStrokes")) {
    for (const auto& r : doc["radStrokes"]) {
      if (!r.is_number_integer() || r.get<int>() < 0 || r.get<size_t>() >= strokes.size())
        throw InkError(origin + ": radStrokes entry " + r.dump() + " is not a stroke index");
      glyph.radical_strokes.push_back(r.get<int>());
    }
  }
  return glyph;
}

Glyph load_glyph_json(const std::filesystem::path& file) {
  const std::string text = read_text_file(file, "stroke data");
  const std::u32string name = decode_utf8(file.stem().string(), file.string());
  if (name.size() != 1) throw InkError(file.string() + ": the file name must be one character, like 永.json");
  return glyph_from_json(text, name[0], file.string());
}

}  // namespace ink
