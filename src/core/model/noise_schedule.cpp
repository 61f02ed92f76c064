// Betas and cumulative alphas computed in float32 with torch, as diffusers does, so golden
// numbers match to the last digits; scalar look-ups are then read as double.
#include "ink/model/noise_schedule.h"

#include <torch/torch.h>

#include <cmath>

#include "ink/base/error.h"

namespace ink {

NoiseSchedule::NoiseSchedule(NoiseScheduleConfig config) : config_(config) {
  config_.validate();
  const int64_t T = config_.num_train_timesteps;
  switch (config_.beta_schedule) {
    case BetaSchedule::linear:
      betas_ = torch::linspace(config_.beta_start, config_.beta_end, T, torch::kFloat32);
      break;
    case BetaSchedule::scaled_linear:  // Stable Diffusion's: linear in sqrt(beta)
      betas_ = torch::linspace(std::sqrt(config_.beta_start), std::sqrt(config_.beta_end), T, torch::kFloat32).pow(2);
      break;
    case BetaSchedule::squaredcos_cap_v2: {  // Nichol & Dhariwal 2021, eq. 17, betas capped at 0.999
      auto alpha_bar = [](double t) { return std::pow(std::cos((t + 0.008) / 1.008 * M_PI / 2), 2); };
      std::vector<float> betas;
      for (int64_t i = 0; i < T; ++i)
        betas.push_back(static_cast<float>(std::min(1 - alpha_bar((i + 1.0) / T) / alpha_bar(static_cast<double>(i) / T), 0.999)));
      betas_ = torch::tensor(betas, torch::kFloat32);
      break;
    }
  }
  alphas_cumprod_ = torch::cumprod(1.0 - betas_, 0);
  auto acc = alphas_cumprod_.accessor<float, 1>();
  for (int64_t i = 0; i < T; ++i) alphas_cumprod_acc_.push_back(acc[i]);
}

torch::Tensor NoiseSchedule::per_sample(const torch::Tensor& values, const torch::Tensor& timesteps, int64_t dims) const {
  std::vector<int64_t> shape(dims, 1);
  shape[0] = timesteps.size(0);
  return values.to(timesteps.device()).index_select(0, timesteps).view(shape);
}

torch::Tensor NoiseSchedule::add_noise(const torch::Tensor& x0, const torch::Tensor& noise, const torch::Tensor& timesteps) const {
  const auto a = per_sample(alphas_cumprod_, timesteps, x0.dim()).to(x0.dtype());
  return a.sqrt() * x0 + (1 - a).sqrt() * noise;
}

torch::Tensor NoiseSchedule::target(const torch::Tensor& x0, const torch::Tensor& noise, const torch::Tensor& timesteps) const {
  switch (config_.prediction_type) {
    case PredictionType::epsilon: return noise;
    case PredictionType::sample: return x0;
    case PredictionType::v_prediction: {  // v = sqrt(a) eps - sqrt(1 - a) x0 (Salimans & Ho 2022)
      const auto a = per_sample(alphas_cumprod_, timesteps, x0.dim()).to(x0.dtype());
      return a.sqrt() * noise - (1 - a).sqrt() * x0;
    }
  }
  return noise;
}

std::pair<torch::Tensor, torch::Tensor> NoiseSchedule::predict_x0_and_noise(const torch::Tensor& model_output,
                                                                            const torch::Tensor& sample, double alpha_prod) const {
  const double a = std::sqrt(alpha_prod), s = std::sqrt(1 - alpha_prod);
  switch (config_.prediction_type) {
    case PredictionType::epsilon: return {(sample - s * model_output) / a, model_output};
    case PredictionType::sample: return {model_output, (sample - a * model_output) / s};
    case PredictionType::v_prediction: return {a * sample - s * model_output, a * model_output + s * sample};
  }
  return {model_output, model_output};
}

}  // namespace ink
