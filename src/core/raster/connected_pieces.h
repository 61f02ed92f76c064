// Connected pieces of a pixel mask (8-connected), shared by ink extraction (specks) and the
// stroke split (each claim keeps its largest piece). Internal to src/core.
#pragma once
#include <cstdint>
#include <vector>

namespace ink {

// Per pixel its piece's label (-1 where the mask is 0); `areas[label]` is the piece's size.
std::vector<int> label_pieces(const std::vector<uint8_t>& mask, int width, int height, std::vector<int>& areas);

}  // namespace ink
