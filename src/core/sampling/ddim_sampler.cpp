// DDIM, following the numbered steps of Song et al. 2021, eq. 12 (as diffusers' scheduling_ddim).
#include <torch/torch.h>

#include <cmath>

#include "ink/base/error.h"
#include "ink/sampling/sampler.h"
#include "sampling/timesteps.h"

namespace ink {

DdimSampler::DdimSampler(std::shared_ptr<const NoiseSchedule> schedule, DdimOptions options)
    : schedule_(std::move(schedule)), options_(options) {}

void DdimSampler::set_timesteps(int num_inference_steps) {
  const int T = schedule_->num_train_timesteps();
  check_inference_steps(num_inference_steps, T);
  num_inference_steps_ = num_inference_steps;
  timesteps_ = spaced_timesteps(T, num_inference_steps, options_.spacing, options_.steps_offset);
}

double DdimSampler::alpha_prod_prev(int64_t prev_timestep) const {
  if (prev_timestep >= 0) return schedule_->alpha_cumprod(prev_timestep);
  return options_.set_alpha_to_one ? 1.0 : schedule_->alpha_cumprod(0);
}

double DdimSampler::variance(int64_t timestep, int64_t prev_timestep) const {
  const double alpha_prod_t = schedule_->alpha_cumprod(timestep);
  const double alpha_prod_t_prev = alpha_prod_prev(prev_timestep);
  return (1 - alpha_prod_t_prev) / (1 - alpha_prod_t) * (1 - alpha_prod_t / alpha_prod_t_prev);
}

SamplerStep DdimSampler::step(const torch::Tensor& model_output, int64_t timestep, const torch::Tensor& sample) {
  if (num_inference_steps_ == 0) throw InkError("DDIM: call set_timesteps() before step()");
  // 1. previous timestep (t - 1 in the subsequence tau)
  const int64_t prev_timestep = timestep - schedule_->num_train_timesteps() / num_inference_steps_;
  // 2. alphas and betas
  const double alpha_prod_t = schedule_->alpha_cumprod(timestep);
  const double alpha_prod_t_prev = alpha_prod_prev(prev_timestep);
  // 3. "predicted x_0" (eq. 12) and the noise it implies
  auto [pred_x0, pred_epsilon] = schedule_->predict_x0_and_noise(model_output, sample, alpha_prod_t);
  // 4. clip x_0
  if (options_.clip_sample) pred_x0 = pred_x0.clamp(-options_.clip_sample_range, options_.clip_sample_range);
  // 5. sigma_t(eta) (eq. 16)
  const double std_dev_t = options_.eta * std::sqrt(variance(timestep, prev_timestep));
  // 6. "direction pointing to x_t" (eq. 12)
  const torch::Tensor direction = std::sqrt(1 - alpha_prod_t_prev - std_dev_t * std_dev_t) * pred_epsilon;
  // 7. x_{t-1} without the random noise (eq. 12), then the noise when eta > 0
  torch::Tensor prev = std::sqrt(alpha_prod_t_prev) * pred_x0 + direction;
  if (options_.eta > 0) {
    const torch::Tensor noise =
        generator ? torch::randn(sample.sizes(), *generator, sample.options()) : torch::randn(sample.sizes(), sample.options());
    prev = prev + std_dev_t * noise;
  }
  return {prev, pred_x0};
}

}  // namespace ink
