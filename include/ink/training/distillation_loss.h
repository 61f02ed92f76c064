// One-step distillation (Luhman & Luhman 2021, "Knowledge Distillation in Iterative Generative
// Models for Improved Sampling Speed"): a student asked once, at the writers' first timestep, learns
// the clean image the teacher's whole sampler reaches from the same noise and conditions. The
// writers' first step already gives the conditional mean (sampler.h, refining_timesteps); what the
// student learns from the teacher's later steps is the sample's edge and texture. Includes torch.
#pragma once
#include <torch/types.h>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "ink/model/noise_schedule.h"
#include "ink/model/unet.h"
#include "ink/training/batch_share.h"
#include "ink/training/diffusion_loss.h"

namespace ink {

// The teacher as the writers run it: (input [B, C, S, S], timesteps [B], conditions) -> output,
// each row through whatever UNet writes its style.
using BatchDenoiser = std::function<torch::Tensor(const torch::Tensor&, const torch::Tensor&, const UNetConditions&)>;

// Mean squared error between the student's clean image at timestep `teacher_timesteps[0]` and the
// teacher's after DPM-Solver++ over `teacher_timesteps`, both from the same noise. Noise is drawn
// for the whole batch and `share`'s rows kept, as diffusion_loss does. The teacher is called
// without gradients.
torch::Tensor distillation_loss(UNet& student, const BatchDenoiser& teacher, std::shared_ptr<const NoiseSchedule> schedule,
                                const DiffusionBatch& batch, const std::vector<int64_t>& teacher_timesteps,
                                torch::Generator* generator = nullptr, std::optional<BatchShare> share = std::nullopt);

}  // namespace ink
