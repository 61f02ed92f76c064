#include "render/jpeg_decode.h"

#include <csetjmp>
#include <cstdio>
#include <jpeglib.h>
#include <jerror.h>

#include <algorithm>
#include <string>

#include "ink/base/error.h"

namespace ink {
namespace {

// A progressive JPEG may hold any number of scans, each a full pass over the coefficients: a
// few kilobytes can ask for minutes of work. Real photos have at most a dozen.
constexpr int kMaxScans = 128;
// Progressive and multi-scan files keep every coefficient in memory, and libjpeg asks its
// memory manager for that up front; with no backing store, a request past this fails cleanly.
constexpr long kMaxDecoderMemory = 1L << 30;

// libjpeg reports errors through a callback that must not return; it jumps back to decode_jpeg,
// which between setjmp and the jump holds nothing whose destructor would be skipped.
struct Failure {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void fail(j_common_ptr info) {
  auto* failure = reinterpret_cast<Failure*>(info->err);
  info->err->format_message(info, failure->message);
  std::longjmp(failure->jump, 1);
}

// Warnings (level -1) are corrupt data libjpeg decodes around. A file that ends early is kept
// from silently losing the bottom of the photo; other damage (extra bytes before a marker, as
// some cameras write) decodes as libjpeg decodes it.
void warn(j_common_ptr info, int level) {
  if (level == -1 && info->err->msg_code == JWRN_JPEG_EOF) fail(info);
}

void count_scans(j_common_ptr info) {
  auto* decoder = reinterpret_cast<j_decompress_ptr>(info);
  if (decoder->input_scan_number > kMaxScans) {
    std::snprintf(reinterpret_cast<Failure*>(info->err)->message, JMSG_LENGTH_MAX, "more than %d scans", kMaxScans);
    std::longjmp(reinterpret_cast<Failure*>(info->err)->jump, 1);
  }
}

// Adobe's CMYK JPEGs store the inks inverted; ink = 255 - value, so value * key / 255 is the light.
void cmyk_to_rgb(const unsigned char* cmyk, uint8_t* rgb, int width) {
  for (int x = 0; x < width; ++x, cmyk += 4, rgb += 3)
    for (int c = 0; c < 3; ++c) rgb[c] = static_cast<uint8_t>((cmyk[c] * cmyk[3] + 127) / 255);
}

}  // namespace

Image decode_jpeg(std::string_view bytes, const std::string& where) {
  jpeg_decompress_struct decoder{};
  Failure failure{};
  jpeg_progress_mgr progress{};
  decoder.err = jpeg_std_error(&failure.manager);
  failure.manager.error_exit = fail;
  failure.manager.emit_message = warn;
  Image image;
  if (setjmp(failure.jump)) {
    jpeg_destroy_decompress(&decoder);
    throw InkError(where + ": cannot read image: damaged JPEG (" + failure.message + ")");
  }
  jpeg_create_decompress(&decoder);
  decoder.mem->max_memory_to_use = kMaxDecoderMemory;
  progress.progress_monitor = count_scans;
  decoder.progress = &progress;
  jpeg_mem_src(&decoder, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&decoder, TRUE);
  const bool cmyk = decoder.jpeg_color_space == JCS_CMYK || decoder.jpeg_color_space == JCS_YCCK;
  decoder.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
  jpeg_calc_output_dimensions(&decoder);
  const int64_t width = decoder.output_width, height = decoder.output_height;
  try {  // before any pixel is allocated
    check_read_size(width, height, where);
    image.width = static_cast<int>(width), image.height = static_cast<int>(height);
    image.pixels.resize(static_cast<size_t>(width) * height * 3);
  } catch (...) {
    jpeg_destroy_decompress(&decoder);
    throw;
  }
  jpeg_start_decompress(&decoder);
  // One row buffer from libjpeg's own pool, freed with the decoder, so a jump leaks nothing.
  JSAMPARRAY row = decoder.mem->alloc_sarray(reinterpret_cast<j_common_ptr>(&decoder), JPOOL_IMAGE,
                                             decoder.output_width * decoder.output_components, 1);
  while (decoder.output_scanline < decoder.output_height) {
    const size_t y = decoder.output_scanline;
    jpeg_read_scanlines(&decoder, row, 1);
    uint8_t* out = &image.pixels[y * static_cast<size_t>(width) * 3];
    if (cmyk)
      cmyk_to_rgb(row[0], out, static_cast<int>(width));
    else
      std::copy(row[0], row[0] + width * 3, out);
  }
  jpeg_finish_decompress(&decoder);
  jpeg_destroy_decompress(&decoder);
  return image;
}

}  // namespace ink
