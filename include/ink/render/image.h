// RGB images for sheets and exports: paper, ink blended through coverage, PNG in and out.
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "ink/raster/raster.h"

namespace ink {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
};

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;  // RGB, row-major, top row first

  Image() = default;
  Image(int w, int h, Rgb fill);
  Rgb at(int x, int y) const;
  // Lays `color` over the image through `coverage` placed at (left, top), scaled by `opacity`.
  void blend(const Coverage& coverage, int left, int top, Rgb color, float opacity = 1.0f);
  void fill_rect(int left, int top, int w, int h, Rgb color);
};

// Atomic; throws InkError "cannot write 'PATH': REASON".
void write_png(const Image& image, const std::filesystem::path& file);
Image read_png(const std::filesystem::path& file);  // any format stb_image reads, as RGB

}  // namespace ink
