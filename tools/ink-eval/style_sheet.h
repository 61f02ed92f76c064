// The style matrix as a picture: what each style wrote over the glyph it is measured against,
// so a low score can be read (placement, weight or shape) rather than guessed at.
#pragma once
#include <filesystem>
#include <vector>

#include "ink/raster/raster.h"

namespace ink::eval_tool {

struct StyleSheetRow {
  std::vector<Coverage> glyphs;   // per character: the row's own font, carried back
  std::vector<Coverage> written;  // per character: the style's writing
};

// One row per style, one cell per character, each cell twice the coverage's size: the glyph in
// pale blue, the writing over it in vermilion (where both: dark). Written atomically.
void write_style_sheet(const std::vector<StyleSheetRow>& rows, const std::filesystem::path& file);

}  // namespace ink::eval_tool
