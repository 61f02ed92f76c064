// DPM-Solver++(2M) in sigma form: sigma_t = sqrt((1 - a_t) / a_t), alpha_t = 1 / sqrt(sigma^2 + 1),
// lambda_t = log(alpha_t / sigma_t). Equations cite Lu et al. 2022 (arXiv:2211.01095).
#include <torch/torch.h>

#include <cmath>

#include "ink/base/error.h"
#include "ink/sampling/sampler.h"
#include "sampling/timesteps.h"

namespace ink {
namespace {

// A noise level in the solver's terms: alpha_t = 1 / sqrt(sigma^2 + 1), sigma_t = sigma alpha_t,
// and the half log-SNR lambda_t = log(alpha_t / sigma_t) the solver steps in.
struct NoiseLevel {
  double alpha, sigma, lambda;
  explicit NoiseLevel(double s)
      : alpha(1 / std::sqrt(s * s + 1)), sigma(s * alpha), lambda(std::log(alpha) - std::log(sigma)) {}
};

}  // namespace

DpmSolverSampler::DpmSolverSampler(std::shared_ptr<const NoiseSchedule> schedule, DpmSolverOptions options)
    : schedule_(std::move(schedule)), options_(options) {}

void DpmSolverSampler::set_timesteps(int num_inference_steps) {
  const int T = schedule_->num_train_timesteps();
  check_inference_steps(num_inference_steps, T);
  set_timesteps(options_.spacing == TimestepSpacing::linspace
                    ? linspace_timesteps_before_zero(T, num_inference_steps)
                    : spaced_timesteps(T, num_inference_steps, options_.spacing, 0));
}

void DpmSolverSampler::set_timesteps(const std::vector<int64_t>& timesteps) {
  const int T = schedule_->num_train_timesteps();
  if (timesteps.empty()) throw InkError("DPM-Solver: no timesteps");
  for (size_t i = 0; i < timesteps.size(); ++i)
    if (timesteps[i] < 0 || timesteps[i] >= T || (i > 0 && timesteps[i] >= timesteps[i - 1]))
      throw InkError("DPM-Solver: timesteps must decrease strictly within 0.." + std::to_string(T - 1));
  timesteps_ = timesteps;
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
  // Data prediction x0 at the current point (DPM-Solver++ works on x0, not on noise).
  const double a_s0 = schedule_->alpha_cumprod(timestep);
  const torch::Tensor x0 = schedule_->predict_x0_and_noise(model_output, sample, a_s0).first;

  const NoiseLevel s0(sigmas_[step_index_]);
  const double sigma_next = sigmas_[step_index_ + 1];
  torch::Tensor prev;
  const bool last = step_index_ + 1 == timesteps_.size();
  const bool first_order_last = last && (sigma_next == 0 || (options_.lower_order_final && timesteps_.size() < 15));
  if (first_order_last || !previous_x0_.defined()) {
    if (sigma_next == 0) {
      prev = x0;  // the limit of eq. 9 as sigma_t -> 0
    } else {
      // First order (DPM-Solver++1 = DDIM), eq. 9: x_t = (s_t / s_s) x_s - alpha_t (e^{-h} - 1) x0.
      const NoiseLevel t(sigma_next);
      const double h = t.lambda - s0.lambda;
      prev = (t.sigma / s0.sigma) * sample - t.alpha * std::expm1(-h) * x0;
    }
  } else {
    // Second order multistep (Algorithm 2, midpoint form): D1 = (x0_s0 - x0_s1) / r0.
    const NoiseLevel t(sigma_next), s1(sigmas_[step_index_ - 1]);
    const double h = t.lambda - s0.lambda, r0 = (s0.lambda - s1.lambda) / h;
    const torch::Tensor d1 = (x0 - previous_x0_) / r0;
    prev = (t.sigma / s0.sigma) * sample - t.alpha * std::expm1(-h) * (x0 + 0.5 * d1);
  }
  previous_x0_ = x0;
  ++step_index_;
  return {prev, x0};
}

}  // namespace ink
