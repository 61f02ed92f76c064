// distillation_loss: the teacher's sampler run on the batch, the student asked once.
#include "ink/training/distillation_loss.h"

#include <torch/torch.h>

#include "ink/base/error.h"
#include "ink/sampling/sampler.h"

namespace ink {

torch::Tensor distillation_loss(UNet& student, const BatchDenoiser& teacher, std::shared_ptr<const NoiseSchedule> schedule,
                                const DiffusionBatch& batch, const std::vector<int64_t>& teacher_timesteps,
                                torch::Generator* generator, std::optional<BatchShare> share) {
  if (teacher_timesteps.empty()) throw InkError("distillation: the teacher has no timesteps");
  const BatchShare rows = share.value_or(BatchShare::whole(batch.target.size(0)));
  const auto options = batch.target.options().device(torch::kCPU);  // every draw on the CPU generator
  std::vector<int64_t> noise_shape = batch.target.sizes().vec();
  noise_shape[0] = rows.total;
  const torch::Tensor noise =
      rows.rows(generator ? torch::randn(noise_shape, *generator, options) : torch::randn(noise_shape, options))
          .to(batch.target.device());
  if (rows.count == 0) return torch::zeros({}, batch.target.options());
  auto with_spatial = [&](const torch::Tensor& x) { return batch.spatial.defined() ? torch::cat({x, batch.spatial}, 1) : x; };
  auto timesteps_of = [&](int64_t t) { return torch::full({rows.count}, t, options.dtype(torch::kInt64)).to(noise.device()); };

  torch::Tensor taught;
  {
    torch::NoGradGuard no_grad;
    DpmSolverSampler sampler(schedule);
    sampler.set_timesteps(teacher_timesteps);
    const Denoiser denoise = [&](const torch::Tensor& x, int64_t t) {
      return teacher(with_spatial(x), timesteps_of(t), batch.conditions);
    };
    // The writers show the clean image clamped to ink range; the student learns what is shown.
    taught = run_sampler(sampler, denoise, noise).clamp(-1.0, 1.0);
  }
  const int64_t first = teacher_timesteps.front();
  const torch::Tensor output = student->forward(with_spatial(noise), timesteps_of(first), batch.conditions);
  const torch::Tensor learnt = schedule->predict_x0_and_noise(output, noise, schedule->alpha_cumprod(first)).first;
  return torch::mse_loss(learnt, taught);
}

}  // namespace ink
