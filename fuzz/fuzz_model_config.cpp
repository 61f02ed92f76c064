// A model's config.json (format, version, steps, styles, classes and the recipe inside).
#include "fuzz_main.h"
#include "ink/model/model_config.h"

INK_FUZZ_TARGET(ink::parse_model_config(input, "fuzz/config.json"))
