// A 256-colour palette for full-colour GIF frames (writing on a painting): median cut over the
// images' colours at 5 bits a channel, and a lookup from any colour to its nearest entry.
// Internal to src/core.
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "ink/render/image.h"

namespace ink {

class Palette {
 public:
  // At most `size` colours (2..256) cut from the colours of `images`, weighted by pixel count.
  Palette(const std::vector<const Image*>& images, int size);
  const std::vector<Rgb>& colors() const { return colors_; }
  // The nearest entry to `c` (by its 5-bit-a-channel cell, looked up).
  uint8_t index(Rgb c) const { return lookup_[key(c)]; }
  // The same with a 4 x 4 ordered dither of one cell's width at pixel (x, y): a smooth sky comes
  // out fine-grained instead of in bands, and a pixel that does not change keeps its index.
  uint8_t index(Rgb c, int x, int y) const {
    static constexpr int kBayer[4][4] = {{0, 8, 2, 10}, {12, 4, 14, 6}, {3, 11, 1, 9}, {15, 7, 13, 5}};
    const int offset = kBayer[y & 3][x & 3] / 2 - 4;  // -4..3: one 5-bit cell is 8 levels
    auto shift = [offset](uint8_t v) { return static_cast<uint8_t>(std::clamp(v + offset, 0, 255)); };
    return lookup_[key({shift(c.r), shift(c.g), shift(c.b)})];
  }

 private:
  static int key(Rgb c) { return (c.r >> 3) << 10 | (c.g >> 3) << 5 | (c.b >> 3); }
  std::vector<Rgb> colors_;
  std::vector<uint8_t> lookup_;  // 32,768 cells
};

}  // namespace ink
