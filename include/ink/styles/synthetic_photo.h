// "Photos" of a glyph for testing and for learning a hand from a font: the outline placed with
// a small rotation, scale and offset on paper with uneven lighting, fibre texture, ink that
// varies in darkness, and sensor noise. Deterministic for a seed.
#pragma once
#include <cstdint>
#include <vector>

#include "ink/data/outline.h"
#include "ink/raster/raster.h"
#include "ink/render/image.h"

namespace ink {

// Practice paper printed in red under the writing, placed with the box: the box's square
// (solid) and its middle cross (dashed), a 田字格; alone, or as a sheet's squares around it too,
// as a photo of practice paper shows them (grid_square.h finds the writing's square again).
enum class PrintedGrid { none, square, sheet };

struct PhotoOptions {
  int width = 320, height = 320;
  float rotation_degrees = 0, scale = 1;  // the 1024 box fills 80% of the shorter side at scale 1
  float offset_x = 0, offset_y = 0;       // fractions of the width / height
  float lighting = 0.25f;                 // how much darker the dim corner is than the bright one
  float noise = 0.04f;                    // sensor noise, standard deviation in 0..1 units
  uint64_t seed = 0;                      // texture, ink variation and noise
  PrintedGrid grid = PrintedGrid::none;
};

// Small random placement and lighting for variant `seed`: rotation within +-4 degrees, scale
// 0.85..1.1, offsets within +-6%, lighting 0.1..0.35.
PhotoOptions random_photo_options(uint64_t seed);

// The outline as placed in the photo, in the 1024-box convention rasterised by
// BoxToPixels{1, 0, 0} (so a Rasterizer draws it at its photo pixels).
Outline place_outline(const Outline& outline, const PhotoOptions& options);

// The outline moved `column` squares right and `row` squares down from the box, into a square of
// a sheet (PrintedGrid::sheet prints two each way around the box): a page's writing.
Outline in_sheet_square(const Outline& outline, int column, int row);

// Renders the outlines (one glyph's strokes, or a font glyph) as ink on paper.
Image render_photo(const std::vector<Outline>& outlines, const PhotoOptions& options);

}  // namespace ink
