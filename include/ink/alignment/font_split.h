// A font's glyph split into the data's strokes where the font draws it: what the layouts and the
// structure model learn from. Only glyphs drawn in the data's form split (the fit and every
// stroke found); another form of the character is left out.
#pragma once
#include <optional>

#include "ink/alignment/layout.h"
#include "ink/alignment/stroke_alignment.h"
#include "ink/raster/font.h"

namespace ink {

// The image the split fits in: the glyph drawn in the box at this many pixels square.
constexpr int kFontSplitSize = 128;

struct FontSplit {
  StrokeSplit split;
  InkShape font_shape, data_shape;  // the font's ink and the data's, in box units
};

// None when the font has no such glyph or draws it in another form.
std::optional<FontSplit> split_font_glyph(const FontFace& font, const Glyph& glyph, Rasterizer& rasterizer);

}  // namespace ink
