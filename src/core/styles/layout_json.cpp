#include "styles/layout_json.h"

#include <cmath>

#include "base/json_document.h"
#include "ink/base/error.h"

namespace ink {
namespace {

constexpr float kMaxTurn = 0.7854f;  // 45 degrees, for a character's rotation and a stroke's tilt
constexpr float kMinWeight = 1 / 3.0f, kMaxWeight = 3;  // a hairline against a Kai's stroke, or a marker's

StrokeTilts tilts_from_json(const nlohmann::json& value) {
  if (!value.is_object()) throw InkError("'stroke_tilts' is not an object");
  StrokeTilts tilts{};
  for (const auto& [name, tilt] : value.items()) {
    const auto kind = stroke_kind_named(name);
    if (!kind) throw InkError("'stroke_tilts' names no stroke kind '" + name.substr(0, 40) + "'");
    tilts[static_cast<size_t>(*kind)] = json_float(tilt, "stroke_tilts." + name);
  }
  return tilts;
}

// The boolean `key` of a layout, `fallback` when it is absent.
bool json_flag(const nlohmann::json& value, const char* key, bool fallback) {
  const auto found = value.find(key);
  if (found == value.end()) return fallback;
  if (!found->is_boolean()) throw InkError(std::string(key) + " is not true or false");
  return found->get<bool>();
}

void check_layout_range(const Layout& l) {
  const auto scale_ok = [](float s) { return std::isfinite(s) && s >= 0.25f && s <= 4.0f; };
  const auto shift_ok = [](float d) { return std::isfinite(d) && std::fabs(d) <= kBoxSize; };
  if (!scale_ok(l.scale_x) || !scale_ok(l.scale_y))
    throw InkError("scale " + std::to_string(l.scale_x) + " x " + std::to_string(l.scale_y) + " out of range (0.25..4)");
  if (!shift_ok(l.shift.x) || !shift_ok(l.shift.y))
    throw InkError("shift (" + std::to_string(l.shift.x) + ", " + std::to_string(l.shift.y) + ") out of range (within 1024)");
  if (!std::isfinite(l.rotation) || std::fabs(l.rotation) > kMaxTurn)
    throw InkError("rotation " + std::to_string(l.rotation) + " out of range (within 45 degrees)");
  if (l.weight && !(std::isfinite(*l.weight) && *l.weight >= kMinWeight && *l.weight <= kMaxWeight))
    throw InkError("stroke weight " + std::to_string(*l.weight) + " out of range (0.33..3)");
  for (size_t k = 0; k < kStrokeKinds; ++k)
    if (!std::isfinite(l.tilts[k]) || std::fabs(l.tilts[k]) > kMaxTurn)
      throw InkError(std::string(stroke_kind_name(static_cast<StrokeKind>(k))) + " tilt " + std::to_string(l.tilts[k]) +
                     " out of range (within 45 degrees)");
}

}  // namespace

Layout layout_from_json(const nlohmann::json& value) {
  if (!value.is_object()) throw InkError("a layout is not an object");
  Layout l;
  const std::vector<float> shift = json_float_list(value.at("shift"), "shift");
  const std::vector<float> scale = json_float_list(value.at("scale"), "scale");
  if (shift.size() != 2 || scale.size() != 2) throw InkError("shift and scale must each be [x, y]");
  l.shift = {shift[0], shift[1]};
  l.scale_x = scale[0], l.scale_y = scale[1];
  l.rotation = json_float(value.at("rotation"), "rotation");
  if (const auto tilts = value.find("stroke_tilts"); tilts != value.end()) l.tilts = tilts_from_json(*tilts);
  if (const auto weight = value.find("stroke_weight"); weight != value.end()) l.weight = json_float(*weight, "stroke_weight");
  l.stroke_forms = json_flag(value, "stroke_forms", l.stroke_forms);
  l.even_weight = json_flag(value, "even_weight", l.even_weight);
  check_layout_range(l);
  return l;
}

nlohmann::json layout_to_json(const Layout& l) {
  check_layout_range(l);
  nlohmann::json value = {{"shift", {l.shift.x, l.shift.y}}, {"scale", {l.scale_x, l.scale_y}}, {"rotation", l.rotation}};
  if (!is_identity(l.tilts))
    for (size_t k = 0; k < kStrokeKinds; ++k) value["stroke_tilts"][stroke_kind_name(static_cast<StrokeKind>(k))] = l.tilts[k];
  if (l.weight) value["stroke_weight"] = *l.weight;
  if (!l.stroke_forms) value["stroke_forms"] = false;
  if (l.even_weight) value["even_weight"] = true;
  return value;
}

}  // namespace ink
