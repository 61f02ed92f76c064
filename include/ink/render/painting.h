// Writing laid onto a painting (the article's figure 6), the same in the viewer, its exports and
// ink-write --background: the painting covers the canvas (scaled to fill it, the overflow cut
// evenly), and the page is fitted inside the canvas less a margin, times the placement's scale,
// centred where the placement says.
#pragma once
#include "ink/render/image.h"
#include "ink/render/page.h"

namespace ink {

struct Placement {
  float x = 0.5f, y = 0.5f;  // the page's centre, as fractions of the canvas
  float scale = 1.0f;        // 1: the page fits the canvas
};

// Where a page of `page_w` x `page_h` px lands on a canvas: its top-left corner and its scale.
struct PlacedPage {
  float left = 0, top = 0, scale = 1;
};
inline constexpr float kCanvasMargin = 24;
PlacedPage place_page(int canvas_w, int canvas_h, int page_w, int page_h, const Placement& placement);

// `painting` resampled to cover a canvas of `width` x `height` px, keeping its aspect ratio.
Image cover_canvas(const Image& painting, int width, int height);

// Ink `darkness` (page pixels) laid over `canvas` where `at` places it, resampled (area-averaged
// when shrunk, bilinear when enlarged) into the canvas's pixels.
void lay_ink(Image& canvas, const Coverage& darkness, const PlacedPage& at, Rgb ink);

}  // namespace ink
