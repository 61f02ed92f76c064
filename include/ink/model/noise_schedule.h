// The DDPM training schedule (betas, cumulative alphas) and what the model's output means
// (epsilon, v or x0), with diffusers' names and numbers so they can be checked against it.
#pragma once
#include <torch/types.h>

#include <string>

#include "ink/model/schedule_config.h"

namespace ink {

class NoiseSchedule {
 public:
  explicit NoiseSchedule(NoiseScheduleConfig config = {});
  const NoiseScheduleConfig& config() const { return config_; }
  int num_train_timesteps() const { return config_.num_train_timesteps; }
  const torch::Tensor& betas() const { return betas_; }                   // [T] float32
  const torch::Tensor& alphas_cumprod() const { return alphas_cumprod_; }  // [T] float32
  double alpha_cumprod(int64_t t) const { return alphas_cumprod_acc_[t]; }

  // x_t = sqrt(a_t) x0 + sqrt(1 - a_t) noise, per batch element. timesteps: [B] int64.
  torch::Tensor add_noise(const torch::Tensor& x0, const torch::Tensor& noise, const torch::Tensor& timesteps) const;
  // The training target for the configured prediction type.
  torch::Tensor target(const torch::Tensor& x0, const torch::Tensor& noise, const torch::Tensor& timesteps) const;
  // The model output at x_t turned into (x0, epsilon) predictions, with a_t = alpha_prod.
  std::pair<torch::Tensor, torch::Tensor> predict_x0_and_noise(const torch::Tensor& model_output,
                                                               const torch::Tensor& sample, double alpha_prod) const;

 private:
  torch::Tensor per_sample(const torch::Tensor& values, const torch::Tensor& timesteps, int64_t dims) const;
  NoiseScheduleConfig config_;
  torch::Tensor betas_, alphas_cumprod_;
  std::vector<double> alphas_cumprod_acc_;
};

}  // namespace ink
