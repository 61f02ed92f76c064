// Median cut (Heckbert 1982) over a 32,768-cell colour histogram: the box with the most pixels
// and some spread is split at the weighted median of its longest side, until there are enough.
#include "render/palette.h"

#include <algorithm>
#include <array>

#include "ink/base/error.h"

namespace ink {
namespace {

struct Cell {
  std::array<int, 3> rgb;  // 0..31 each
  uint64_t count;
};

struct Box {
  std::vector<Cell> cells;
  uint64_t pixels = 0;
  int spread(int channel) const {
    int low = 31, high = 0;
    for (const Cell& c : cells) low = std::min(low, c.rgb[channel]), high = std::max(high, c.rgb[channel]);
    return cells.empty() ? 0 : high - low;
  }
};

}  // namespace

Palette::Palette(const std::vector<const Image*>& images, int size) : lookup_(32768, 0) {
  if (size < 2 || size > 256) throw InkError("palette: " + std::to_string(size) + " colours, expected 2..256");
  std::vector<uint64_t> histogram(32768, 0);
  for (const Image* image : images)
    for (size_t i = 0; i + 2 < image->pixels.size(); i += 3)
      ++histogram[static_cast<size_t>(key({image->pixels[i], image->pixels[i + 1], image->pixels[i + 2]}))];
  std::vector<Box> boxes(1);
  for (int k = 0; k < 32768; ++k)
    if (histogram[k] > 0) {
      boxes[0].cells.push_back({{k >> 10, (k >> 5) & 31, k & 31}, histogram[k]});
      boxes[0].pixels += histogram[k];
    }
  while (static_cast<int>(boxes.size()) < size) {
    // The most populous box that can still be split.
    int chosen = -1;
    for (size_t b = 0; b < boxes.size(); ++b)
      if (boxes[b].cells.size() > 1 && (chosen < 0 || boxes[b].pixels > boxes[static_cast<size_t>(chosen)].pixels)) chosen = static_cast<int>(b);
    if (chosen < 0) break;
    Box& box = boxes[static_cast<size_t>(chosen)];
    int channel = 0;
    for (int c = 1; c < 3; ++c)
      if (box.spread(c) > box.spread(channel)) channel = c;
    std::sort(box.cells.begin(), box.cells.end(), [channel](const Cell& a, const Cell& b) { return a.rgb[channel] < b.rgb[channel]; });
    uint64_t running = 0;
    size_t cut = 1;
    for (; cut < box.cells.size(); ++cut) {
      running += box.cells[cut - 1].count;
      if (running * 2 >= box.pixels) break;
    }
    cut = std::min(cut, box.cells.size() - 1);
    Box upper;
    upper.cells.assign(box.cells.begin() + static_cast<std::ptrdiff_t>(cut), box.cells.end());
    box.cells.resize(cut);
    box.pixels = 0;
    for (const Cell& c : box.cells) box.pixels += c.count;
    for (const Cell& c : upper.cells) upper.pixels += c.count;
    boxes.push_back(std::move(upper));
  }
  for (const Box& box : boxes) {
    if (box.pixels == 0) continue;
    double sum[3] = {0, 0, 0};
    for (const Cell& c : box.cells)
      for (int ch = 0; ch < 3; ++ch) sum[ch] += (c.rgb[ch] * 8 + 4) * static_cast<double>(c.count);
    auto mean = [&](int ch) { return static_cast<uint8_t>(std::clamp(sum[ch] / static_cast<double>(box.pixels), 0.0, 255.0)); };
    colors_.push_back({mean(0), mean(1), mean(2)});
  }
  if (colors_.empty()) colors_.push_back({0, 0, 0});
  for (int k = 0; k < 32768; ++k) {
    const int r = (k >> 10) * 8 + 4, g = ((k >> 5) & 31) * 8 + 4, b = (k & 31) * 8 + 4;
    int best = 0, best_distance = 1 << 30;
    for (size_t i = 0; i < colors_.size(); ++i) {
      const int dr = r - colors_[i].r, dg = g - colors_[i].g, db = b - colors_[i].b;
      const int distance = 2 * dr * dr + 4 * dg * dg + 3 * db * db;  // the eye weighs green most
      if (distance < best_distance) best_distance = distance, best = static_cast<int>(i);
    }
    lookup_[static_cast<size_t>(k)] = static_cast<uint8_t>(best);
  }
}

}  // namespace ink
