// The FreeType library handle behind Rasterizer and FontFace. Internal header.
#pragma once
#include <ft2build.h>
#include FT_FREETYPE_H

#include "ink/raster/raster.h"

namespace ink {

struct Rasterizer::Library {
  Library();
  ~Library();
  FT_Library handle = nullptr;
};

// Converts a FreeType error code to its text, for messages.
const char* freetype_error_text(FT_Error error);

}  // namespace ink
