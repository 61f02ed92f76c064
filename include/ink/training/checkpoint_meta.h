// A checkpoint's metadata in its file (training/checkpoint.h): the checkpoint is a tensor file
// (safetensors layout, base/tensor_file.h) whose header's metadata holds the format, version,
// step, the UNet config and the recipe, and whose tensors are the model's ("model."), the EMA's
// ("ema."), AdamW's state per parameter ("optimizer.N.") and the generator's ("rng_state").
// Reading it is bounded like every tensor file; nothing in it is executed. No torch.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "ink/base/tensor_file.h"
#include "ink/model/unet_config.h"

namespace ink {

inline constexpr const char* kCheckpointFormat = "hanzi-ink checkpoint";
inline constexpr int kCheckpointVersion = 2;  // 1 was a torch archive, still read

struct CheckpointMeta {
  UNetConfig config;
  int64_t step = 0;
  std::string recipe_json;
};

std::map<std::string, std::string> checkpoint_metadata(const CheckpointMeta& meta);
// Throws InkError "WHERE: ..." for another format or version, or a step, config or recipe that
// is missing or malformed.
CheckpointMeta checkpoint_meta(const TensorFile& file, const std::string& where);

}  // namespace ink
