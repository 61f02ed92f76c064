// One layout as JSON, the same in layouts.json and in a learnt hand's style file:
// {"shift": [x, y], "scale": [x, y], "rotation": radians, "stroke_tilts": {KIND: radians}}.
// stroke_tilts is optional (files from before it keep the data's tilts); a kind left out is 0.
// Internal to src/core.
#pragma once
#include <nlohmann/json.hpp>

#include "ink/alignment/layout.h"

namespace ink {

// Throws InkError for a value out of range (scales 0.25..4, shifts within the box's size,
// rotation and tilts within 45 degrees) or of the wrong type, naming the key.
Layout layout_from_json(const nlohmann::json& value);
nlohmann::json layout_to_json(const Layout& layout);  // checks the range too

}  // namespace ink
