// The textbook stroke-order sheet: per character a row of cells on a 米字格 grid, one per
// step, earlier strokes in ink, the new stroke in vermilion with its number at its start,
// later strokes faint so the learner sees where the character is going.
#pragma once
#include <vector>

#include "ink/data/glyph.h"
#include "ink/render/image.h"

namespace ink {

struct SheetOptions {
  int cell_px = 128;
  int max_columns = 14;  // fits 13 strokes plus the model cell  // long characters wrap onto further rows
};

// Throws InkError if no font for the stroke numbers is installed.
Image render_stroke_sheet(const std::vector<Glyph>& glyphs, const SheetOptions& options);

// Where cell `step` of row-group `row` sits, for tests: left/top in pixels. Step -1 is the
// model cell showing the whole character.
struct SheetLayout {
  SheetOptions options;
  int margin = 16, gap = 8;
  int cell_left(int column) const { return margin + column * (options.cell_px + gap); }
  int row_top(int row) const { return margin + row * (options.cell_px + gap); }
};

}  // namespace ink
