// A model's layouts.json: where each style puts a character's strokes.
#include "fuzz_main.h"
#include "ink/styles/style_layouts.h"

INK_FUZZ_TARGET(ink::parse_layouts(input, "fuzz/layouts.json"))
