// Samplers over a NoiseSchedule, with diffusers' API: set_timesteps(n), timesteps(), and
// step(model_output, t, sample) -> {prev_sample, pred_original_sample}. A sampler never calls
// the model itself: run_sampler() drives any denoise callback, so the writer, tests and
// benchmarks can plug in a UNet, a dummy, or a guided pair of passes.
#pragma once
#include <torch/types.h>

#include <functional>
#include <memory>
#include <vector>

#include "ink/model/noise_schedule.h"

namespace ink {

struct SamplerStep {
  torch::Tensor prev_sample;
  torch::Tensor pred_original_sample;
};

enum class TimestepSpacing { leading, linspace, trailing };

class Sampler {
 public:
  virtual ~Sampler() = default;
  virtual void set_timesteps(int num_inference_steps) = 0;
  const std::vector<int64_t>& timesteps() const { return timesteps_; }
  // Steps must be taken in the order of timesteps() (multistep solvers keep history).
  virtual SamplerStep step(const torch::Tensor& model_output, int64_t timestep, const torch::Tensor& sample) = 0;

 protected:
  std::vector<int64_t> timesteps_;
};

struct DdimOptions {
  double eta = 0.0;  // 0: deterministic DDIM
  bool clip_sample = true;
  double clip_sample_range = 1.0;
  bool set_alpha_to_one = true;
  int steps_offset = 0;
  TimestepSpacing spacing = TimestepSpacing::leading;
};

// Song et al. 2021, "Denoising Diffusion Implicit Models".
class DdimSampler : public Sampler {
 public:
  DdimSampler(std::shared_ptr<const NoiseSchedule> schedule, DdimOptions options = {});
  void set_timesteps(int num_inference_steps) override;
  SamplerStep step(const torch::Tensor& model_output, int64_t timestep, const torch::Tensor& sample) override;
  // sigma_t^2 / eta^2 of eq. 16, between t and the previous timestep.
  double variance(int64_t timestep, int64_t prev_timestep) const;
  torch::Generator* generator = nullptr;  // for eta > 0

 private:
  double alpha_prod_prev(int64_t prev_timestep) const;
  std::shared_ptr<const NoiseSchedule> schedule_;
  DdimOptions options_;
  int num_inference_steps_ = 0;
};

struct DpmSolverOptions {
  TimestepSpacing spacing = TimestepSpacing::linspace;
  // Where the last step lands: sigma = 0 returns the predicted x0 exactly (diffusers' default
  // "zero"); "sigma_min" stops at the noise level of t = 0.
  enum class FinalSigma { zero, sigma_min } final_sigma = FinalSigma::zero;
  // A first-order last step when there are fewer than 15 steps (stabler with few steps).
  bool lower_order_final = true;
};

// Lu et al. 2022, "DPM-Solver++": the second-order multistep data-prediction solver (2M,
// midpoint form), first order on the first step (no history yet).
class DpmSolverSampler : public Sampler {
 public:
  explicit DpmSolverSampler(std::shared_ptr<const NoiseSchedule> schedule, DpmSolverOptions options = {});
  void set_timesteps(int num_inference_steps) override;
  // Steps at the given timesteps (strictly decreasing, each in [0, T)), like diffusers'
  // set_timesteps(timesteps=...).
  void set_timesteps(const std::vector<int64_t>& timesteps);
  SamplerStep step(const torch::Tensor& model_output, int64_t timestep, const torch::Tensor& sample) override;
  const std::vector<double>& sigmas() const { return sigmas_; }

 private:
  std::shared_ptr<const NoiseSchedule> schedule_;
  DpmSolverOptions options_;
  std::vector<double> sigmas_;  // per timestep, then the final sigma
  size_t step_index_ = 0;
  torch::Tensor previous_x0_;
};

// The writers' placement of n steps (docs/model.md, Step placement): the first at T - 1, where the
// model's x0 is the conditional mean and fixes the shape, then n - 1 steps spread evenly below
// `refine_from` that only sharpen its edges. Spread from high noise instead (diffusers' linspace,
// which refine_from >= T - 1 gives), each step re-draws the shape at random, and a sampled hand
// lands farther from its font than the mean does. Throws InkError when the n - 1 steps do not fit
// below refine_from.
std::vector<int64_t> refining_timesteps(int num_train, int n, int refine_from);

// The model as the sampler sees it: (x_t [B, ...], t) -> model output like x_t.
using Denoiser = std::function<torch::Tensor(const torch::Tensor& sample, int64_t timestep)>;
// Called after each step with (step index, predicted x0): the viewer's live preview.
using StepObserver = std::function<void(size_t, const torch::Tensor&)>;

torch::Tensor run_sampler(Sampler& sampler, const Denoiser& denoise, torch::Tensor sample,
                          const StepObserver& observe = {});

// Several passes of the model mixed, all in one batch: `denoise_batch` gets the sample repeated
// once per weight ([P*B, ...], pass p's conditions are the p-th block) and the result is
// sum_p weights[p] * output_p. Classifier-free guidance (Ho & Salimans 2022) at scale g is the
// weights {g, 1 - g} over (conditional, unconditional); writers add a third pass for the style's
// strength, the way InstructPix2Pix guides on two conditions at once.
Denoiser mixed(std::function<torch::Tensor(const torch::Tensor& batch, int64_t timestep)> denoise_batch,
               std::vector<double> weights);

}  // namespace ink
