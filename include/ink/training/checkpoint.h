// Training checkpoints: config, weights, EMA weights, AdamW's state, step and RNG state in one
// versioned tensor file (training/checkpoint_meta.h), written to a temporary name and renamed
// (never half a checkpoint). Checkpoints of the previous release (torch archives) still load.
// Includes torch.
#pragma once
#include <torch/torch.h>

#include <filesystem>
#include <string>

#include "ink/model/unet.h"

namespace ink {

struct TrainingCheckpoint {
  UNetConfig config;
  int64_t step = 0;
  std::string recipe_json;  // the recipe the run was started with, to resume it exactly
  torch::Tensor rng_state;  // the CPU generator's state
};

// The default CPU generator's state (what torch::randn draws from), to store and restore.
torch::Tensor cpu_rng_state();
void restore_cpu_rng_state(const torch::Tensor& state);

void save_checkpoint(const std::filesystem::path& file, const TrainingCheckpoint& meta, UNet& model, UNet& ema,
                     torch::optim::Optimizer& optimizer);

// The metadata and config alone: build the model, EMA and optimizer from its config, then call
// load_checkpoint to fill them.
TrainingCheckpoint read_checkpoint_meta(const std::filesystem::path& file);
// Loads weights into `model` and `ema` (built from the checkpoint's config; a different config
// is refused with both shown) and, when given, the optimizer state for `model`'s parameters.
TrainingCheckpoint load_checkpoint(const std::filesystem::path& file, UNet& model, UNet& ema,
                                   torch::optim::Optimizer* optimizer = nullptr);

}  // namespace ink
