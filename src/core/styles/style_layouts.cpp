// layouts.json: {"format": "hanzi-ink layouts", "version": 1, "source": TEXT,
//                "layouts": {STYLE: LAYOUT}}, each LAYOUT as styles/layout_json.h writes it.
#include "ink/styles/style_layouts.h"

#include <nlohmann/json.hpp>

#include "base/json_document.h"
#include "styles/layout_json.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"

namespace ink {
namespace {

constexpr const char* kFormat = "hanzi-ink layouts";
constexpr int kVersion = 1;

}  // namespace

std::filesystem::path layouts_file(const std::filesystem::path& model_file) { return model_file.parent_path() / "layouts.json"; }

StyleLayouts load_layouts(const std::filesystem::path& file) {
  return parse_layouts(read_text_file(file, "layouts"), file.string());
}

StyleLayouts parse_layouts(std::string_view text, const std::string& where) {
  const nlohmann::json doc = parse_json_object(text, where);
  const auto format = doc.find("format"), version = doc.find("version");
  if (format == doc.end() || *format != kFormat || version == doc.end() || *version != kVersion)
    throw InkError(where + ": not hanzi-ink layouts (version " + std::to_string(kVersion) + ")");
  StyleLayouts layouts;
  const auto listed_at = doc.find("layouts");
  if (listed_at != doc.end() && !listed_at->is_object()) throw InkError(where + ": 'layouts' is not an object");
  const nlohmann::json listed = listed_at == doc.end() ? nlohmann::json::object() : *listed_at;
  for (const auto& [name, value] : listed.items()) {
    try {
      layouts[name] = layout_from_json(value);
    } catch (const nlohmann::json::exception& e) {
      throw InkError(where + ": style '" + name + "': broken layout (" + e.what() + ")");
    } catch (const InkError& e) {
      throw InkError(where + ": style '" + name + "': " + e.what());
    }
  }
  return layouts;
}

void save_layouts(const std::filesystem::path& file, const StyleLayouts& layouts, const std::string& source) {
  nlohmann::json doc = {{"format", kFormat}, {"version", kVersion}, {"source", source}, {"layouts", nlohmann::json::object()}};
  for (const auto& [name, l] : layouts) doc["layouts"][name] = layout_to_json(l);
  write_file_atomic(file, doc.dump(1) + "\n");
}

}  // namespace ink
