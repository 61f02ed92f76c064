// Splitting a font's glyph in place, with the dataset build's bar for "the data's form".
#include "ink/alignment/font_split.h"

namespace ink {
namespace {

constexpr float kMinFit = 0.25f;  // as the dataset build: below, another form of the character
constexpr float kMinStrokeShare = 0.15f;

}  // namespace

std::optional<FontSplit> split_font_glyph(const FontFace& font, const Glyph& glyph, Rasterizer& rasterizer) {
  if (!font.has_char(glyph.codepoint)) return std::nullopt;
  const Outline outline = font.glyph_outline(glyph.codepoint);
  if (outline.empty()) return std::nullopt;
  const Coverage ink = rasterizer.fill(outline, BoxToPixels::square(kFontSplitSize), kFontSplitSize, kFontSplitSize);
  if (ink.sum() <= 0) return std::nullopt;
  StrokeSplit split = split_by_alignment(ink, glyph);
  if (split.alignment.iou < kMinFit || split.weakest_stroke < kMinStrokeShare) return std::nullopt;
  return FontSplit{std::move(split), ink_shape(ink), ink_shape(rasterizer.fill_glyph(glyph, kFontSplitSize))};
}

}  // namespace ink
