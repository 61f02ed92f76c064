// The size each character is drawn at in the window (docs/design.md, Display): the size the
// canvas shows its cell, rounded up to one of a few steps, so that memory follows what is seen
// and a window resized a little draws nothing again.
#pragma once
#include <cstddef>

#include "ink/render/painting.h"

namespace ink::app {

// The smallest step (64, 96, 128, 192, 256, 384, 512, 768, 1024 px) at least `shown_px`;
// 1024 above it.
int display_step(float shown_px);

// How many canvas pixels one cell of a page of `characters` takes, placed as `placement` says.
float shown_cell_px(int canvas_width, int canvas_height, size_t characters, bool vertical, const Placement& placement);

}  // namespace ink::app
