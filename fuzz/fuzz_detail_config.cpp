// The detail stage's config.json (format, version, size, channels, dilations).
#include "fuzz_main.h"
#include "ink/model/detail_config.h"

INK_FUZZ_TARGET(ink::parse_detail_config(input, "fuzz/detail/config.json"))
