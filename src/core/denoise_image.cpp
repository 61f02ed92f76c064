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
  const int64_t style = conditions.style.defined() ? conditions.style[0].item<int64_t>() : 0;
  UNet& unet = model.unet_for(style);
  const int64_t s = model.summary.sample_size;
  DpmSolverSampler sampler(model.schedule);
  sampler.set_timesteps(settings.steps);
  auto generator = at::detail::createCPUGenerator(noise_seed);
  const torch::Tensor noise = torch::randn({1, 1, s, s}, generator);

  auto check_cancel = [&] {
    if (cancel && cancel->load()) throw WritingCancelled();
  };
  auto with_spatial = [](const torch::Tensor& x, const torch::Tensor& sp) { return sp.defined() ? torch::cat({x, sp}, 1) : x; };
  // The passes mixed at each step (sampler.h, mixed): the conditions as given; the same with
  // the data's hand for style strength; everything dropped for guidance. Their inputs live here
  // because the denoiser refers to them.
  const bool contrast = style != 0 && settings.style_strength != 1.0;
  const double g = settings.guidance, strength = contrast ? settings.style_strength : 1.0;
  std::vector<UNetConditions> passes = {conditions};
  std::vector<torch::Tensor> pass_spatial = {spatial};
  std::vector<double> weights = {g * strength};
  if (contrast) {
    UNetConditions data_hand = conditions;
    data_hand.style = torch::zeros_like(conditions.style);
    passes.push_back(data_hand);
    pass_spatial.push_back(spatial);
    weights.push_back(g * (1.0 - strength));
  }
  if (g != 1.0) {
    passes.push_back(null_conditions(*unet, 1));
    pass_spatial.push_back(spatial.defined() ? torch::full_like(spatial, -1.0) : spatial);
    weights.push_back(1.0 - g);
  }
  auto joined = [&](auto field) {
    std::vector<torch::Tensor> parts;
    for (const UNetConditions& c : passes)
      if ((c.*field).defined()) parts.push_back(c.*field);
    return parts.empty() ? torch::Tensor() : torch::cat(parts);
  };
  UNetConditions batch;
  batch.style = joined(&UNetConditions::style);
  batch.step = joined(&UNetConditions::step);
  batch.strokes = joined(&UNetConditions::strokes);
  batch.label = joined(&UNetConditions::label);
  const torch::Tensor batch_spatial = spatial.defined() ? torch::cat(pass_spatial) : spatial;
  const int64_t n = static_cast<int64_t>(passes.size());
  Denoiser denoise = mixed(
      [&](const torch::Tensor& x, int64_t t) {
        check_cancel();
        return unet->forward(with_spatial(x, batch_spatial), torch::full({n}, t, torch::kInt64), batch);
      },
      weights);
  StepObserver observe;
  if (preview) observe = [&](size_t i, const torch::Tensor& x0) { preview(static_cast<int>(i), coverage_from_model_range(x0)); };
  return coverage_from_model_range(run_sampler(sampler, denoise, noise, observe));
}

}  // namespace ink
