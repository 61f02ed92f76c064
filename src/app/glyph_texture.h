// What the canvas shader reads for one character, computed on the CPU (off the frame loop):
// per display pixel, the final ink coverage and the moment the brush reaches it.
#pragma once
#include <vector>

#include "ink/render/brush_timeline.h"

namespace ink::app {

struct GlyphTextureData {
  int size = 0;
  std::vector<float> texels;  // RG interleaved, top row first: coverage, ink time (s; < 0 bare)
};

// Ink times are spread a few pixels past the ink into bare paper, so the shader's bilinear
// filtering never blends a real time with the "bare" marker at a stroke's soft edge.
GlyphTextureData glyph_texture_data(const BrushTimeline& timeline);
// A denoising preview (whole mode): coverage upsampled smoothly, every pixel "already inked".
GlyphTextureData preview_texture_data(const Coverage& predicted, int size);

}  // namespace ink::app
