// What the canvas shader reads for one character, computed on the CPU (off the frame loop):
// per display pixel, the final ink coverage and the moment the brush reaches it.
#pragma once
#include <cstdint>
#include <vector>

#include "ink/render/brush_timeline.h"

namespace ink::app {

// Half floats: coverage needs no more, and ink times are a character's own (a few seconds to a
// minute at speed 1, where a half float still resolves a frame), so each character's texture is
// 1 MB at 512 px, half what 32-bit floats took, in memory and in the GL texture.
struct GlyphTextureData {
  int size = 0;
  std::vector<uint16_t> texels;  // RG interleaved, top row first: coverage, ink time (s; < 0 bare)
};

uint16_t half_float(float value);  // IEEE binary16 (c10's conversion); out of range saturates
float from_half_float(uint16_t half);

// Ink times are spread a few pixels past the ink into bare paper, so the shader's bilinear
// filtering never blends a real time with the "bare" marker at a stroke's soft edge.
GlyphTextureData glyph_texture_data(const BrushTimeline& timeline);
// A denoising preview (whole mode): coverage upsampled smoothly, every pixel "already inked".
GlyphTextureData preview_texture_data(const Coverage& predicted, int size);

}  // namespace ink::app
