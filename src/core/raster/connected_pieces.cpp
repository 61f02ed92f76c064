// label_pieces: an explicit-stack flood fill (no recursion depth limit on large photos).
#include "raster/connected_pieces.h"

#include <cstddef>

namespace ink {

std::vector<int> label_pieces(const std::vector<uint8_t>& mask, int width, int height, std::vector<int>& areas) {
  std::vector<int> label(mask.size(), -1), stack;
  areas.clear();
  for (std::size_t start = 0; start < mask.size(); ++start) {
    if (!mask[start] || label[start] >= 0) continue;
    const int id = static_cast<int>(areas.size());
    areas.push_back(0);
    label[start] = id;
    stack.assign(1, static_cast<int>(start));
    while (!stack.empty()) {
      const int i = stack.back();
      stack.pop_back();
      ++areas[id];
      const int x = i % width, y = i / width;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const int j = ny * width + nx;
          if (mask[j] && label[j] < 0) label[j] = id, stack.push_back(j);
        }
    }
  }
  return label;
}

}  // namespace ink
