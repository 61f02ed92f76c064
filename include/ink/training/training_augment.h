// What the trainer does to a batch before the loss: conditions dropped for classifier-free
// guidance, and canvases perturbed so the writer's own imperfect canvases are in distribution
// (exposure bias: at sampling time stroke k sees what the model wrote, not the ground truth).
// Draws from torch's default generator, so a restored RNG state replays them exactly; a batch
// that is one rank's share of a larger one draws for the whole and keeps its rows (BatchShare).
// Includes torch.
#pragma once
#include <optional>

#include "ink/model/unet.h"
#include "ink/training/diffusion_loss.h"

namespace ink {

// With probability `p` per sample, every condition is dropped together: scalar ones to the
// UNet's "no condition" rows, spatial ones to blank (-1). Guidance then pushes away from that.
void drop_conditions(DiffusionBatch& batch, const UNetImpl& unet, double p, std::optional<BatchShare> share = std::nullopt);

// The same unconditional conditions for a whole batch (the second pass of guidance).
UNetConditions null_conditions(const UNetImpl& unet, int64_t batch);

// Stroke mode: with probability `p` per sample, the canvas (spatial channel 0) is dilated,
// eroded or shifted by a pixel, and lightly noised.
void augment_canvas(DiffusionBatch& batch, double p, std::optional<BatchShare> share = std::nullopt);

// EMA of the weights (sampling uses them): ema = decay * ema + (1 - decay) * model.
void update_ema(UNetImpl& ema, const UNetImpl& model, double decay);

}  // namespace ink
