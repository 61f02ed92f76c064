// The denoising objective (Ho et al. 2020, eq. 14, with the prediction type's target): noise
// clean targets at random timesteps, ask the UNet, compare with the schedule's target.
// Includes torch.
#pragma once
#include <torch/types.h>

#include <optional>

#include "ink/model/noise_schedule.h"
#include "ink/model/unet.h"
#include "ink/training/batch_share.h"

namespace ink {

struct DiffusionBatch {
  torch::Tensor target;   // [B, 1, S, S] clean stroke or glyph, in [-1, 1]
  torch::Tensor spatial;  // [B, in_channels - 1, S, S] spatial conditions in [-1, 1] (may be empty)
  UNetConditions conditions;
};

// Splits shard planes (uint8, [B, C, S, S], channel 0 the target) into a batch in model range.
DiffusionBatch batch_from_planes(const torch::Tensor& planes);

// Mean squared error of the model's prediction; `generator` (optional) fixes noise and timesteps.
// `batch` holds `share`'s rows of a larger batch (data-parallel training): timesteps and noise are
// drawn for the whole of it and the share's rows kept. Without a share, `batch` is the whole.
torch::Tensor diffusion_loss(UNet& unet, const NoiseSchedule& schedule, const DiffusionBatch& batch,
                             torch::Generator* generator = nullptr, std::optional<BatchShare> share = std::nullopt);

}  // namespace ink
