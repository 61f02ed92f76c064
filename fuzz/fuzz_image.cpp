// Images the programs read (a hand's photos, a background painting): PNG and BMP through
// stb_image, JPEG through libjpeg-turbo, size-checked from the header before decoding; then, as
// for a hand's photos on practice paper (--grid), the printed square searched for and cut out, and
// a page's squares found and looked into.
#include "fuzz_main.h"
#include "ink/render/image.h"
#include "ink/styles/grid_square.h"

namespace {

// The search is two passes over the pixels and the same code at any size; bigger images (a few
// bytes of JPEG can claim megapixels) only slow the fuzzer down.
constexpr long kMaxSearchedPixels = 1 << 18;

void read_photo(std::string_view input) {
  const ink::Image photo = ink::decode_image(input, "fuzz.png");
  if (static_cast<long>(photo.width) * photo.height > kMaxSearchedPixels) return;
  if (const auto square = ink::find_grid_square(photo)) ink::cut_grid_square(photo, *square, 64);
  for (const ink::GridSquare& square : ink::find_page_squares(photo)) ink::written_in(photo, square);
}

}  // namespace

INK_FUZZ_TARGET(read_photo(input))
