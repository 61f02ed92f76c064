// model.safetensors: the header's lengths, dtypes, shapes and byte ranges.
#include "fuzz_main.h"
#include "ink/base/tensor_file.h"

INK_FUZZ_TARGET(ink::parse_tensor_file(input, "fuzz.safetensors"))
