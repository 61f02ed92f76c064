// The solid printed lines of a practice grid in a photo, found by their colour (grid_square.h):
// the coloured pixels' projections, searched over turns for the sharpest. Internal header.
#pragma once
#include <optional>
#include <vector>

#include "ink/render/image.h"
#include "ink/styles/grid_square.h"

namespace ink::detail {

struct GridLine {
  float middle = 0, width = 0;  // along the axis it crosses, in pixels from the frame's origin
};

// Lines in the turned frame: u = x cos + y sin + reach runs across the columns, v = -x sin + y cos
// + reach across the rows (reach keeps both positive).
struct GridLines {
  float turn = 0, reach = 0;
  std::vector<GridLine> columns, rows;  // solid lines only, in order; a dashed middle line is neither
  float u_of(float x, float y) const;
  float v_of(float x, float y) const;
  // The square between two columns and two rows, in photo pixels.
  GridSquare square(const GridLine& left, const GridLine& right, const GridLine& top, const GridLine& bottom) const;
};

// None when the photo shows too few printed pixels for one square a third of its shorter side,
// or so many that the paper itself is coloured.
std::optional<GridLines> find_grid_lines(const Image& photo);

}  // namespace ink::detail
