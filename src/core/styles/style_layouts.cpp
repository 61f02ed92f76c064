// layouts.json: {"format": "hanzi-ink layouts", "version": 1, "source": TEXT,
//                "layouts": {STYLE: {"shift": [x, y], "scale": [x, y], "rotation": radians}}}
#include "ink/styles/style_layouts.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "base/json_document.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"

namespace ink {
namespace {

constexpr const char* kFormat = "hanzi-ink layouts";
constexpr int kVersion = 1;

void check_range(const Layout& l) {
  const auto scale_ok = [](float s) { return std::isfinite(s) && s >= 0.25f && s <= 4.0f; };
  const auto shift_ok = [](float d) { return std::isfinite(d) && std::fabs(d) <= kBoxSize; };
  if (!scale_ok(l.scale_x) || !scale_ok(l.scale_y))
    throw InkError("scale " + std::to_string(l.scale_x) + " x " + std::to_string(l.scale_y) + " out of range (0.25..4)");
  if (!shift_ok(l.shift.x) || !shift_ok(l.shift.y))
    throw InkError("shift (" + std::to_string(l.shift.x) + ", " + std::to_string(l.shift.y) + ") out of range (within 1024)");
  if (!std::isfinite(l.rotation) || std::fabs(l.rotation) > 0.7854f)
    throw InkError("rotation " + std::to_string(l.rotation) + " out of range (within 45 degrees)");
}

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
      Layout l;
      const std::vector<float> shift = json_float_list(value.at("shift"), "shift");
      const std::vector<float> scale = json_float_list(value.at("scale"), "scale");
      if (shift.size() != 2 || scale.size() != 2) throw InkError("shift and scale must each be [x, y]");
      l.shift = {shift[0], shift[1]};
      l.scale_x = scale[0], l.scale_y = scale[1];
      l.rotation = json_float(value.at("rotation"), "rotation");
      check_range(l);
      layouts[name] = l;
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
  for (const auto& [name, l] : layouts) {
    check_range(l);
    doc["layouts"][name] = {{"shift", {l.shift.x, l.shift.y}}, {"scale", {l.scale_x, l.scale_y}}, {"rotation", l.rotation}};
  }
  write_file_atomic(file, doc.dump(1) + "\n");
}

}  // namespace ink
