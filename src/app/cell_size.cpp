#include "cell_size.h"

#include <algorithm>
#include <iterator>

namespace ink::app {

int display_step(float shown_px) {
  constexpr int kSteps[] = {64, 96, 128, 192, 256, 384, 512, 768, 1024};
  for (int step : kSteps)
    if (step >= shown_px) return step;
  return kSteps[std::size(kSteps) - 1];
}

float shown_cell_px(int canvas_width, int canvas_height, size_t characters, bool vertical, const Placement& placement) {
  constexpr int kCell = 100;  // any cell size the placement can shrink to a pixel
  const int length = static_cast<int>(std::max<size_t>(1, characters)) * kCell;
  const PlacedPage at = place_page(canvas_width, canvas_height, vertical ? kCell : length, vertical ? length : kCell, placement);
  return at.scale * kCell;
}

}  // namespace ink::app
