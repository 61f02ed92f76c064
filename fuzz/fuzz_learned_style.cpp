// A learnt hand's style file (styles/NAME.style.json): its embedding row and adapter.
#include "fuzz_main.h"
#include "ink/styles/learned_style.h"

INK_FUZZ_TARGET(ink::parse_learned_style(input, "fuzz.style.json"))
