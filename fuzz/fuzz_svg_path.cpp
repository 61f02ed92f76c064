// An SVG path's d attribute, as hanzi-writer-data writes each stroke's outline.
#include "fuzz_main.h"
#include "ink/data/svg_path.h"

INK_FUZZ_TARGET(ink::parse_svg_path(input, "fuzz"))
