// A sheet for looking at stroke splits: per image one row of cells, all the same size:
// the ink as found, every stroke in its own colour, then one cell per stroke step (earlier
// strokes in ink, the new one in vermilion, later ones faint).
#pragma once
#include <vector>

#include "ink/raster/raster.h"
#include "ink/render/image.h"

namespace ink {

struct SplitSheetRow {
  Coverage ink;                   // cell x cell
  std::vector<Coverage> strokes;  // cell x cell each, in writing order
};

Image render_split_sheet(const std::vector<SplitSheetRow>& rows, int cell, int max_columns = 16);

}  // namespace ink
