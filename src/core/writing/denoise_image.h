// One image sampled from a model, shared by the writers: noise from a seed, DPM-Solver++(2M),
// optional guidance and style strength in one batched pass, preview and cancel between steps.
// Internal to src/core; includes torch.
#pragma once
#include <torch/types.h>

#include "ink/writing/writer.h"
#include "model/diffusion_model_impl.h"

namespace ink {

// The denoising steps the settings ask of the model; throws InkError when they are out of range
// (the writers check this when they are made, before any stroke is written).
std::vector<int64_t> writer_timesteps(const DiffusionModel& model, const WriterSettings& settings);

// spatial: [1, C, S, S] in model range, or undefined when the mode has none.
Coverage denoise_image(DiffusionModel& model, const torch::Tensor& spatial, const UNetConditions& conditions,
                       const WriterSettings& settings, uint64_t noise_seed, const PreviewObserver& preview,
                       const std::atomic<bool>* cancel);

// Coverage planes in model range, quantised to 8 bits as the training shards were: [1, n, S, S].
torch::Tensor planes_tensor(const std::vector<const Coverage*>& planes);
Coverage coverage_from_model_range(const torch::Tensor& image);  // [.., S, S] in [-1, 1]

// A seed per (writer seed, stroke): redoing one stroke does not move the others' noise.
uint64_t stroke_seed(uint64_t seed, int k);

}  // namespace ink
