// Images the programs read (a hand's photos, a background painting): PNG and BMP through
// stb_image, JPEG through libjpeg-turbo, size-checked from the header before decoding.
#include "fuzz_main.h"
#include "ink/render/image.h"

INK_FUZZ_TARGET(ink::decode_image(input, "fuzz.png"))
