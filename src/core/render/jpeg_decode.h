// JPEG photos through libjpeg-turbo, whose decoder is fuzzed upstream without end; stb_image's
// JPEG decoder corrupts its own state on damaged files (docs/design.md, Fuzzing).
#pragma once
#include <string>
#include <string_view>

#include "ink/render/image.h"

namespace ink {

// A JPEG (baseline or progressive; grayscale, YCbCr, RGB or CMYK) as RGB. Throws InkError
// "WHERE: cannot read image: damaged JPEG (REASON)" for a damaged or cut-short file, and the
// size errors of decode_image before any pixels are allocated.
Image decode_jpeg(std::string_view bytes, const std::string& where);

}  // namespace ink
