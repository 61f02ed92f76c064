// One character of hanzi-writer-data (its strokes as SVG paths, medians and radical strokes).
#include "fuzz_main.h"
#include "ink/data/glyph.h"

INK_FUZZ_TARGET(ink::glyph_from_json(input, U'永', "fuzz.json"))
