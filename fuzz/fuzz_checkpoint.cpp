// A training checkpoint (training.ckpt): the tensor file, then its metadata (format, version,
// step, UNet config, recipe).
#include "fuzz_main.h"
#include "ink/training/checkpoint_meta.h"

INK_FUZZ_TARGET(ink::checkpoint_meta(ink::parse_tensor_file(input, "fuzz/training.ckpt"), "fuzz/training.ckpt"))
