// DPM-Solver++(2M) in sigma form: sigma_t = sqrt((1 - a_t) / a_t), alpha_t = 1 / sqrt(sigma^2 + 1),
// lambda_t = log(alpha_t / sigma_t). Equations cite Lu et al. 2022 (arXiv:2211.01095).
#include <torch/torch.h>

#include <cmath>

#include "ink/error.h"
#include "ink/sampler.h"
#include "timesteps.h"

namespace ink {

DpmSolverSampler::DpmSolverSampler(std::shared_ptr<const NoiseSchedule> schedule, DpmSolverOptions options)
    : schedule_(std::move(schedule)), options_(options) {}

void DpmSolverSampler::set_timesteps(int num_inference_steps) {
  const int T = schedule_->num_train_timesteps();
  check_inference_steps(num_inference_steps, T);
  if (options_.spacing == TimestepSpacing::linspace) {
    // n + 1 points over [0, T - 1], the last (t = 0) dropped: the final step goes to sigma = 0.
    timesteps_.clear();
    for (int i = num_inference_steps; i >= 1; --i)
      timesteps_.push_back(static_cast<int64_t>(std::nearbyint((T - 1.0) * i / num_inference_steps)));
  } else {
    timesteps_ = spaced_timesteps(T, num_inference_steps, options_.spacing, 0);
  }
  auto sigma_at = [this](int64_t t) {
    const double a = schedule_->alpha_cumprod(t);
    return std::sqrt((1 - a) / a);
  };
  sigmas_.clear();
  for (int64_t t : timesteps_) sigmas_.push_back(sigma_at(t));
  sigmas_.push_back(options_.final_sigma == DpmSolverOptions::FinalSigma::zero ? 0.0 : sigma_at(0));
  step_index_ = 0;
  previous_x0_ = torch::Tensor();
}

SamplerStep DpmSolverSampler::step(const torch::Tensor& model_output, int64_t timestep, const torch::Tensor& sample) {
  if (step_index_ >= timesteps_.size() || timesteps_[step_index_] != timestep)
    throw InkError("DPM-Solver: step(t=" + std::to_string(timestep) + ") out of order (call set_timesteps, then follow timesteps())");
  auto alpha_sigma = [](double sigma) {
    const double alpha = 1 / std::sqrt(sigma * sigma + 1);
    return std::pair<double, double>{alpha, sigma * alpha};
  };
  // Data prediction x0 at the current point (DPM-Solver++ works on x0, not on noise).
  const double a_s0 = schedule_->alpha_cumprod(timestep);
  const torch::Tensor x0 = schedule_->predict_x0_and_noise(model_output, sample, a_s0).first;

  const auto [alpha_s0, sigma_s0] = alpha_sigma(sigmas_[step_index_]);
  const double sigma_next = sigmas_[step_index_ + 1];
  torch::Tensor prev;
  const bool last = step_index_ + 1 == timesteps_.size();
  const bool first_order_last = last && (sigma_next == 0 || (options_.lower_order_final && timesteps_.size() < 15));
  if (first_order_last || !previous_x0_.defined()) {
    if (sigma_next == 0) {
      prev = x0;  // the limit of eq. 9 as sigma_t -> 0
    } else {
      // First order (DPM-Solver++1 = DDIM), eq. 9: x_t = (s_t / s_s) x_s - alpha_t (e^{-h} - 1) x0.
      const auto [alpha_t, sigma_t] = alpha_sigma(sigma_next);
      const double h = (std::log(alpha_t) - std::log(sigma_t)) - (std::log(alpha_s0) - std::log(sigma_s0));
      prev = (sigma_t / sigma_s0) * sample - alpha_t * std::expm1(-h) * x0;
    }
  } else {
    // Second order multistep (Algorithm 2, midpoint form): D1 = (x0_s0 - x0_s1) / r0.
    const auto [alpha_t, sigma_t] = alpha_sigma(sigma_next);
    const auto [alpha_s1, sigma_s1] = alpha_sigma(sigmas_[step_index_ - 1]);
    const double lambda_t = std::log(alpha_t) - std::log(sigma_t);
    const double lambda_s0 = std::log(alpha_s0) - std::log(sigma_s0);
    const double lambda_s1 = std::log(alpha_s1) - std::log(sigma_s1);
    const double h = lambda_t - lambda_s0, r0 = (lambda_s0 - lambda_s1) / h;
    const torch::Tensor d1 = (x0 - previous_x0_) / r0;
    prev = (sigma_t / sigma_s0) * sample - alpha_t * std::expm1(-h) * x0 - 0.5 * alpha_t * std::expm1(-h) * d1;
  }
  previous_x0_ = x0;
  ++step_index_;
  return {prev, x0};
}

}  // namespace ink
