// The sampling loop over any denoiser, and passes mixed (guidance) as a denoiser wrapper.
#include <torch/torch.h>

#include "ink/base/error.h"
#include "ink/sampling/sampler.h"

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

Denoiser mixed(std::function<torch::Tensor(const torch::Tensor&, int64_t)> denoise_batch, std::vector<double> weights) {
  if (weights.empty()) throw InkError("mixed: no passes");
  if (weights == std::vector<double>{1.0}) return denoise_batch;  // one pass as it is: nothing to mix
  return [denoise_batch = std::move(denoise_batch), weights = std::move(weights)](const torch::Tensor& sample, int64_t t) {
    const auto passes = static_cast<int64_t>(weights.size());
    const torch::Tensor all = denoise_batch(torch::cat(std::vector<torch::Tensor>(weights.size(), sample), 0), t);
    const auto outputs = all.chunk(passes, 0);
    torch::Tensor out = outputs[0] * weights[0];
    for (int64_t p = 1; p < passes; ++p) out = out + outputs[p] * weights[p];
    return out;
  };
}

}  // namespace ink
