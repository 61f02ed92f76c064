// A structure model file (structure.safetensors beside a model): the tensor file, then its header
// (format, style names, the rows' shape).
#include "fuzz_main.h"
#include "ink/model/structure_file.h"

INK_FUZZ_TARGET(ink::structure_styles(ink::parse_tensor_file(input, "fuzz/structure.safetensors"), "fuzz/structure.safetensors"))
