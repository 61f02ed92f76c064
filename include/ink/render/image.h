// RGB images for sheets and exports: paper, ink blended through coverage, PNG in and out.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "ink/raster/raster.h"

namespace ink {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
};

// The largest image the project makes or reads: a GIF's side is 16 bits, and 2^28 pixels
// (768 MB of RGB) keeps memory bounded for any input.
inline constexpr int kMaxImageSide = 65535;
inline constexpr int64_t kMaxImagePixels = int64_t{1} << 28;
// Images read (photos, backgrounds) are held to less: 64 M pixels (8192 x 8192, 192 MB as RGB)
// and a 256 MiB file, so a crafted header cannot make the decoder allocate gigabytes.
inline constexpr int64_t kMaxReadPixels = int64_t{1} << 26;
inline constexpr uint64_t kMaxImageFileBytes = uint64_t{256} << 20;
// Throws InkError "WHAT is W x H px; an image is at most 65535 px a side and 268 M pixels".
void check_image_size(int64_t width, int64_t height, const std::string& what);
// The same, then kMaxReadPixels, for an image about to be decoded from a file's header: throws
// InkError "WHERE: WxH px, over the 64 M pixels an image read may have".
void check_read_size(int64_t width, int64_t height, const std::string& where);

struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;  // RGB, row-major, top row first

  Image() = default;
  Image(int w, int h, Rgb fill);  // checked by check_image_size
  Rgb at(int x, int y) const;
  // Lays `color` over the image through `coverage` placed at (left, top), scaled by `opacity`.
  void blend(const Coverage& coverage, int left, int top, Rgb color, float opacity = 1.0f);
  void fill_rect(int left, int top, int w, int h, Rgb color);
};

// Atomic; throws InkError "cannot write 'PATH': REASON".
void write_png(const Image& image, const std::filesystem::path& file);
// A PNG, JPEG or BMP file, as RGB; JPEG through libjpeg-turbo, the others through stb_image.
// Other formats stb_image knows (PNM, GIF, TGA, PSD, HDR, PIC) are refused by their first bytes:
// their decoders are where stb's known memory bugs are, and nobody photographs calligraphy in them.
Image read_image(const std::filesystem::path& file);
Image decode_image(std::string_view bytes, const std::string& where);  // the same, from memory

}  // namespace ink
