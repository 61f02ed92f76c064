// A photo of one character written in a practice-grid square, or of a page of them, cut to each
// square as if it had been framed to it. Practice paper (田字格, 米字格, a plain 方格) is printed in a colour, red or
// green, unlike the writing's black ink: the grid is found by its colour, and it is taken out by
// reading each pixel's brightness from its brightest channel, where a printed line is as light
// as its paper and ink stays dark.
#pragma once
#include <optional>
#include <vector>

#include "ink/render/image.h"

namespace ink {

// The printed square in photo pixels (y down): its middle, its side between the middles of its
// printed edges, and its turn (radians; the square's x axis runs along (cos, sin)).
struct GridSquare {
  float centre_x = 0, centre_y = 0;
  float side = 0;
  float rotation = 0;
};

// The square around the photo's middle, between the nearest solid printed lines on each side
// (a sheet's neighbouring squares and the dashed middle lines are passed over), searched over
// turns up to 8 degrees; none when the photo shows no coloured square at least a third of its
// shorter side, within 10% of square, drawn in lines (a coloured sheet or a photo without a grid).
std::optional<GridSquare> find_grid_square(const Image& photo);

// A photo of a practice page: every whole square of its grid (those between two neighbouring solid
// lines each way, one square's side apart), in reading order: rows from the top, each from the
// left. None when no grid is found.
std::vector<GridSquare> find_page_squares(const Image& photo);

// Whether anything is written in the square: at least 1% of its inside darker than its paper.
bool written_in(const Image& photo, const GridSquare& square);

// The square's inside, upright, about `side` pixels (at most `max_side`), in grey: each pixel its
// brightest channel, so the printed lines fade into the paper.
Image cut_grid_square(const Image& photo, const GridSquare& square, int max_side = 512);

}  // namespace ink
