// Image blending and image I/O: PNG and BMP through stb_image / stb_image_write (Debian's libstb),
// JPEG through libjpeg-turbo (jpeg_decode.h).
#include "ink/render/image.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/file_read.h"
#include "render/jpeg_decode.h"

namespace ink {

void check_image_size(int64_t width, int64_t height, const std::string& what) {
  if (width >= 1 && height >= 1 && width <= kMaxImageSide && height <= kMaxImageSide && width * height <= kMaxImagePixels) return;
  throw InkError(what + " is " + std::to_string(width) + " x " + std::to_string(height) + " px; an image is at most " +
                 std::to_string(kMaxImageSide) + " px a side and " + std::to_string(kMaxImagePixels >> 20) + " M pixels");
}

void check_read_size(int64_t width, int64_t height, const std::string& where) {
  check_image_size(width, height, where);
  if (width * height > kMaxReadPixels)
    throw InkError(where + ": " + std::to_string(width) + "x" + std::to_string(height) + " px, over the " +
                   std::to_string(kMaxReadPixels >> 20) + " M pixels an image read may have");
}

Image::Image(int w, int h, Rgb fill) : width(w), height(h) {
  check_image_size(w, h, "the image");
  pixels.resize(static_cast<size_t>(w) * h * 3);
  for (size_t i = 0; i < pixels.size(); i += 3) pixels[i] = fill.r, pixels[i + 1] = fill.g, pixels[i + 2] = fill.b;
}

Rgb Image::at(int x, int y) const {
  const size_t i = (static_cast<size_t>(y) * width + x) * 3;
  return {pixels[i], pixels[i + 1], pixels[i + 2]};
}

void Image::blend(const Coverage& coverage, int left, int top, Rgb color, float opacity) {
  for (int y = 0; y < coverage.height; ++y) {
    const int iy = top + y;
    if (iy < 0 || iy >= height) continue;
    for (int x = 0; x < coverage.width; ++x) {
      const int ix = left + x;
      const float a = coverage.at(x, y) * opacity;
      if (ix < 0 || ix >= width || a <= 0) continue;
      uint8_t* p = &pixels[(static_cast<size_t>(iy) * width + ix) * 3];
      const uint8_t c[3] = {color.r, color.g, color.b};
      for (int k = 0; k < 3; ++k) p[k] = static_cast<uint8_t>(std::lround(p[k] + (c[k] - p[k]) * std::min(a, 1.0f)));
    }
  }
}

void Image::fill_rect(int left, int top, int w, int h, Rgb color) {
  for (int y = std::max(top, 0); y < std::min(top + h, height); ++y)
    for (int x = std::max(left, 0); x < std::min(left + w, width); ++x) {
      uint8_t* p = &pixels[(static_cast<size_t>(y) * width + x) * 3];
      p[0] = color.r, p[1] = color.g, p[2] = color.b;
    }
}

void write_png(const Image& image, const std::filesystem::path& file) {
  std::string encoded;
  const auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size));
  };
  if (!stbi_write_png_to_func(append, &encoded, image.width, image.height, 3, image.pixels.data(), image.width * 3))
    throw InkError("cannot encode PNG for '" + file.string() + "'");
  write_file_atomic(file, encoded);
}

Image read_image(const std::filesystem::path& file) {
  return decode_image(read_file(file, kMaxImageFileBytes, "an image"), file.string());
}

namespace {

// stb_image grows its buffer to whatever a PNG chunk's length field claims before reading the
// chunk, so a few damaged bytes can ask for gigabytes. Every chunk must fit in the bytes there are.
// An empty IDAT chunk adds nothing to the image data, but stb copies its zero bytes into a buffer
// it has not allocated yet (undefined behaviour, found by the image fuzzer), so such chunks are
// left out: the bytes to decode, in `storage` when any were dropped.
std::string_view checked_png_chunks(std::string_view bytes, const std::string& where, std::string& storage) {
  constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  if (bytes.substr(0, 8) != kSignature) return bytes;
  std::vector<size_t> empty_data;  // where each empty IDAT chunk starts
  for (size_t at = 8; at + 8 <= bytes.size();) {
    uint64_t length = 0;
    for (int i = 0; i < 4; ++i) length = (length << 8) | static_cast<unsigned char>(bytes[at + i]);
    const std::string type(bytes.substr(at + 4, 4));
    if (length + 12 > bytes.size() - at)
      throw InkError(where + ": cannot read image: damaged PNG (chunk '" + type + "' claims " + std::to_string(length) + " bytes, " +
                     std::to_string(bytes.size() - at) + " are left)");
    if (type == "IEND") break;
    if (type == "IDAT" && length == 0) empty_data.push_back(at);
    at += length + 12;
  }
  if (empty_data.empty()) return bytes;
  storage.clear();
  size_t from = 0;
  for (size_t at : empty_data) storage.append(bytes.substr(from, at - from)), from = at + 12;
  storage.append(bytes.substr(from));
  return storage;
}

bool starts_with(std::string_view bytes, std::string_view magic) { return bytes.substr(0, magic.size()) == magic; }

void check_image_format(std::string_view bytes, const std::string& where) {
  if (starts_with(bytes, std::string_view("\x89PNG", 4)) || starts_with(bytes, "\xff\xd8\xff") || starts_with(bytes, "BM")) return;
  throw InkError(where + ": cannot read image: not a PNG, JPEG or BMP file");
}

}  // namespace

Image decode_image(std::string_view file_bytes, const std::string& where) {
  if (file_bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) throw InkError(where + ": too large for an image");
  check_image_format(file_bytes, where);
  if (starts_with(file_bytes, "\xff\xd8\xff")) return decode_jpeg(file_bytes, where);
  std::string storage;
  const std::string_view bytes = checked_png_chunks(file_bytes, where, storage);
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const int n = static_cast<int>(bytes.size());
  int w = 0, h = 0, channels = 0;
  // The header first: a crafted file must not make stb allocate what its header claims.
  if (stbi_info_from_memory(p, n, &w, &h, &channels)) check_read_size(w, h, where);
  unsigned char* data = stbi_load_from_memory(p, n, &w, &h, &channels, 3);
  if (!data) throw InkError(where + ": cannot read image (" + stbi_failure_reason() + ")");
  Image image;
  image.width = w, image.height = h;
  image.pixels.assign(data, data + static_cast<size_t>(w) * h * 3);
  stbi_image_free(data);
  return image;
}

}  // namespace ink
