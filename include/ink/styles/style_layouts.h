// Where each style puts its strokes: the layouts measured from the fonts the styles were trained
// on (ink-data layout --save), in layouts.json beside the model file. A style without one writes
// in the data's placement, as every style did before layouts.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "ink/alignment/layout.h"

namespace ink {

using StyleLayouts = std::map<std::string, Layout>;

std::filesystem::path layouts_file(const std::filesystem::path& model_file);

// Throws InkError naming the file (and the style) for a malformed file or a layout out of range:
// scales 0.25..4, shifts within the box's size, rotation within 45 degrees.
StyleLayouts load_layouts(const std::filesystem::path& file);
StyleLayouts parse_layouts(std::string_view text, const std::string& where);
// Atomic. `source` says how the layouts were measured, for whoever opens the file.
void save_layouts(const std::filesystem::path& file, const StyleLayouts& layouts, const std::string& source);

}  // namespace ink
