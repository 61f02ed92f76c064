// The SVG path subset that hanzi-writer-data uses: absolute M, L, Q, C and Z.
// Anything else is rejected with the file (or other origin) and the byte offset.
#pragma once
#include <string>
#include <string_view>

#include "ink/data/outline.h"

namespace ink {

Outline parse_svg_path(std::string_view d, std::string_view where);
std::string format_svg_path(const Outline& outline);

}  // namespace ink
