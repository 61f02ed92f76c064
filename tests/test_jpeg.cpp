// JPEG photos, decoded by libjpeg-turbo: files made here by libjpeg's own encoder in the forms
// cameras and scanners write, and damaged ones that must end in one line naming the file.
#include <catch2/catch.hpp>

#include <cstdio>
#include <jpeglib.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "ink/base/error.h"
#include "ink/render/image.h"

using namespace ink;
using Catch::Contains;

namespace {

struct JpegForm {
  J_COLOR_SPACE space = JCS_RGB;
  bool progressive = false;
  bool one_band_per_scan = false;  // every AC coefficient of every component in its own scan
};

// A width x height picture of a dark diagonal band on paper, encoded at quality 95.
std::string encode_jpeg(int width, int height, JpegForm form) {
  jpeg_compress_struct encoder{};
  jpeg_error_mgr errors{};
  encoder.err = jpeg_std_error(&errors);
  jpeg_create_compress(&encoder);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&encoder, &buffer, &size);
  const int channels = form.space == JCS_GRAYSCALE ? 1 : form.space == JCS_CMYK ? 4 : 3;
  encoder.image_width = width, encoder.image_height = height;
  encoder.input_components = channels, encoder.in_color_space = form.space;
  jpeg_set_defaults(&encoder);
  jpeg_set_quality(&encoder, 95, TRUE);
  std::vector<jpeg_scan_info> scans;
  if (form.one_band_per_scan) {
    scans.push_back({channels, {0, 1, 2, 3}, 0, 0, 0, 0});
    for (int c = 0; c < channels; ++c)
      for (int k = 1; k < 64; ++k) scans.push_back({1, {c, 0, 0, 0}, k, k, 0, 0});
    encoder.scan_info = scans.data();
    encoder.num_scans = static_cast<int>(scans.size());
  } else if (form.progressive) {
    jpeg_simple_progression(&encoder);
  }
  jpeg_start_compress(&encoder, TRUE);
  std::vector<unsigned char> row(static_cast<size_t>(width) * channels);
  while (encoder.next_scanline < encoder.image_height) {
    const int y = static_cast<int>(encoder.next_scanline);
    for (int x = 0; x < width; ++x) {
      const bool ink = std::abs(x - y) < width / 8;
      for (int c = 0; c < channels; ++c)  // CMYK as Adobe stores it, inverted: 255 is no ink
        row[static_cast<size_t>(x) * channels + c] = form.space == JCS_CMYK ? (c == 3 ? (ink ? 40 : 250) : 255) : (ink ? 30 : 235);
    }
    JSAMPROW rows[1] = {row.data()};
    jpeg_write_scanlines(&encoder, rows, 1);
  }
  jpeg_finish_compress(&encoder);
  std::string bytes(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&encoder);
  std::free(buffer);
  return bytes;
}

// The band is dark and the paper light, in all three channels, wherever the encoder put them.
void check_band(const Image& image) {
  REQUIRE(image.width == 64);
  REQUIRE(image.height == 48);
  for (int y = 0; y < image.height; y += 3)
    for (int x = 0; x < image.width; x += 3) {
      const int distance = std::abs(x - y);
      if (distance >= 6 && distance <= 10) continue;  // the band's edge, blurred by the DCT
      const Rgb c = image.at(x, y);
      if (distance < 6)
        CHECK((c.r < 70 && c.g < 70 && c.b < 70));
      else
        CHECK((c.r > 200 && c.g > 200 && c.b > 200));
    }
}

}  // namespace

TEST_CASE("JPEG photos decode as RGB: baseline, progressive, grayscale and Adobe CMYK", "[image][jpeg]") {
  check_band(decode_image(encode_jpeg(64, 48, {}), "rgb.jpg"));
  check_band(decode_image(encode_jpeg(64, 48, {JCS_RGB, true}), "progressive.jpg"));
  check_band(decode_image(encode_jpeg(64, 48, {JCS_GRAYSCALE}), "gray.jpg"));
  check_band(decode_image(encode_jpeg(64, 48, {JCS_CMYK}), "cmyk.jpg"));
}

TEST_CASE("a damaged JPEG is one line naming the file, never a grey bottom or a crash", "[image][jpeg][errors]") {
  const std::string whole = encode_jpeg(64, 48, {});
  // Cut short: libjpeg would pad the missing rows with grey; the photo would teach a wrong hand.
  CHECK_THROWS_WITH(decode_image(whole.substr(0, whole.size() / 2), "cut.jpg"),
                    "cut.jpg: cannot read image: damaged JPEG (Premature end of JPEG file)");
  CHECK_THROWS_WITH(decode_image(whole.substr(0, 40), "header.jpg"), Contains("header.jpg: cannot read image: damaged JPEG ("));
  CHECK_THROWS_WITH(decode_image(std::string("\xff\xd8\xff", 3), "three.jpg"), Contains("three.jpg: cannot read image: damaged JPEG"));
  // Every byte of the entropy-coded data flipped in turn: a result or an InkError, nothing else.
  const size_t data = whole.find("\xff\xda");
  REQUIRE(data != std::string::npos);
  for (size_t i = data + 14; i < whole.size() - 2; i += 7) {
    std::string damaged = whole;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
    try {
      const Image image = decode_image(damaged, "flipped.jpg");
      CHECK(image.width == 64);
    } catch (const InkError& e) {
      CHECK_THAT(e.what(), Contains("flipped.jpg: cannot read image"));
    }
  }
}

TEST_CASE("a JPEG is held to bounded work: its size from the header, at most 128 scans", "[image][jpeg][errors]") {
  // 1 DC scan and 63 AC scans for each of 3 components: a valid file, refused before the work.
  const std::string many = encode_jpeg(64, 48, {JCS_RGB, true, true});
  CHECK_THROWS_WITH(decode_image(many, "scans.jpg"), "scans.jpg: cannot read image: damaged JPEG (more than 128 scans)");
  // The size is checked before any pixel is allocated: a 9000 x 9000 header over 64 M pixels.
  std::string wide = encode_jpeg(64, 48, {});
  const size_t frame = wide.find("\xff\xc0");
  REQUIRE(frame != std::string::npos);
  const char side[2] = {static_cast<char>(9000 >> 8), static_cast<char>(9000 & 0xff)};
  wide.replace(frame + 5, 2, side, 2);
  wide.replace(frame + 7, 2, side, 2);
  CHECK_THROWS_WITH(decode_image(wide, "wide.jpg"), "wide.jpg: 9000x9000 px, over the 64 M pixels an image read may have");
}
