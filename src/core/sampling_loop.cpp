// The sampling loop over any denoiser, and classifier-free guidance as a denoiser wrapper.
#include <torch/torch.h>

#include "ink/error.h"
#include "ink/sampler.h"

namespace ink {

torch::Tensor run_sampler(Sampler& sampler, const Denoiser& denoise, torch::Tensor sample, const StepObserver& observe) {
  const std::vector<int64_t> timesteps = sampler.timesteps();
  if (timesteps.empty()) throw InkError("sampler: call set_timesteps() before sampling");
  for (size_t i = 0; i < timesteps.size(); ++i) {
    const SamplerStep s = sampler.step(denoise(sample, timesteps[i]), timesteps[i], sample);
    sample = s.prev_sample;
    if (observe) observe(i, s.pred_original_sample);
  }
  return sample;
}

Denoiser guided(std::function<torch::Tensor(const torch::Tensor&, int64_t)> denoise_pair, double scale) {
  return [denoise_pair = std::move(denoise_pair), scale](const torch::Tensor& sample, int64_t t) {
    const torch::Tensor both = denoise_pair(torch::cat({sample, sample}, 0), t);
    const auto halves = both.chunk(2, 0);
    return halves[1] + scale * (halves[0] - halves[1]);
  };
}

}  // namespace ink
