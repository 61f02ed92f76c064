// denoise_image and the conversions between coverage maps and model-range tensors.
#include "denoise_image.h"

#include <torch/torch.h>

#include <cmath>

#include "ink/sampler.h"
#include "ink/training_augment.h"

namespace ink {

uint64_t stroke_seed(uint64_t seed, int k) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ull * static_cast<uint64_t>(k + 1);  // splitmix64
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

torch::Tensor planes_tensor(const std::vector<const Coverage*>& planes) {
  const int64_t s = planes.front()->width;
  torch::Tensor out = torch::empty({1, static_cast<int64_t>(planes.size()), s, s});
  float* dst = out.data_ptr<float>();
  for (const Coverage* plane : planes)
    for (float v : plane->values) *dst++ = std::round(std::clamp(v, 0.0f, 1.0f) * 255.0f) / 127.5f - 1.0f;
  return out;
}

Coverage coverage_from_model_range(const torch::Tensor& image) {
  const torch::Tensor x = image.reshape({image.size(-2), image.size(-1)}).add(1.0).mul(0.5).clamp(0.0, 1.0).contiguous();
  Coverage out(static_cast<int>(x.size(1)), static_cast<int>(x.size(0)));
  std::copy(x.data_ptr<float>(), x.data_ptr<float>() + x.numel(), out.values.begin());
  return out;
}

Coverage denoise_image(DiffusionModel& model, const torch::Tensor& spatial, const UNetConditions& conditions,
                       const WriterSettings& settings, uint64_t noise_seed, const PreviewObserver& preview,
                       const std::atomic<bool>* cancel) {
  torch::NoGradGuard no_grad;
  std::lock_guard<std::mutex> lock(model.mutex);
  UNet& unet = model.unet_for(conditions.style.defined() ? conditions.style[0].item<int64_t>() : 0);
  const int64_t s = model.summary.sample_size;
  DpmSolverSampler sampler(model.schedule);
  sampler.set_timesteps(settings.steps);
  auto generator = at::detail::createCPUGenerator(noise_seed);
  const torch::Tensor noise = torch::randn({1, 1, s, s}, generator);

  auto check_cancel = [&] {
    if (cancel && cancel->load()) throw WritingCancelled();
  };
  auto with_spatial = [](const torch::Tensor& x, const torch::Tensor& sp) { return sp.defined() ? torch::cat({x, sp}, 1) : x; };
  Denoiser denoise;
  // Guidance: the conditional and unconditional inputs in one batch of two; they live here
  // because the denoiser refers to them.
  UNetConditions pair;
  torch::Tensor pair_spatial;
  if (settings.guidance == 1.0) {
    denoise = [&](const torch::Tensor& x, int64_t t) {
      check_cancel();
      return unet->forward(with_spatial(x, spatial), torch::full({1}, t, torch::kInt64), conditions);
    };
  } else {
    const UNetConditions none = null_conditions(*unet, 1);
    auto pair_of = [](const torch::Tensor& a, const torch::Tensor& b) { return a.defined() ? torch::cat({a, b}) : a; };
    pair.style = pair_of(conditions.style, none.style);
    pair.step = pair_of(conditions.step, none.step);
    pair.strokes = pair_of(conditions.strokes, none.strokes);
    pair.label = pair_of(conditions.label, none.label);
    if (spatial.defined()) pair_spatial = torch::cat({spatial, torch::full_like(spatial, -1.0)});
    denoise = guided(
        [&](const torch::Tensor& x2, int64_t t) {
          check_cancel();
          return unet->forward(with_spatial(x2, pair_spatial), torch::full({2}, t, torch::kInt64), pair);
        },
        settings.guidance);
  }
  StepObserver observe;
  if (preview) observe = [&](size_t i, const torch::Tensor& x0) { preview(static_cast<int>(i), coverage_from_model_range(x0)); };
  return coverage_from_model_range(run_sampler(sampler, denoise, noise, observe));
}

}  // namespace ink
