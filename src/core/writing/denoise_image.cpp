// denoise_image and the conversions between coverage maps and model-range tensors.
#include "writing/denoise_image.h"

#include <torch/torch.h>

#include <cmath>

#include "ink/model/torch_runtime.h"
#include "ink/sampling/sampler.h"
#include "ink/training/training_augment.h"

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

std::vector<int64_t> writer_timesteps(const DiffusionModel& model, const WriterSettings& settings) {
  return refining_timesteps(model.schedule->num_train_timesteps(), model.steps_for(settings.steps, settings.style),
                            settings.refine_from);
}

Coverage denoise_image(DiffusionModel& model, const torch::Tensor& spatial, const UNetConditions& conditions,
                       const WriterSettings& settings, uint64_t noise_seed, const PreviewObserver& preview,
                       const std::atomic<bool>* cancel) {
  torch::NoGradGuard no_grad;
  const TorchThreads threads(settings.model_threads);
  std::lock_guard<std::mutex> lock(model.mutex);
  const int64_t style = conditions.style.defined() ? conditions.style[0].item<int64_t>() : 0;
  // One call through the student where it knows the style (the data's hand included, for style
  // strength); otherwise the model itself, or a hand's adapted copy.
  const bool student = model.student_writes(settings.steps, style);
  UNet& unet = student ? model.one_step.unet : model.unet_for(style);
  UNet& data_hand = student ? model.one_step.unet : model.loaded.unet;
  const int64_t s = model.summary.sample_size;
  DpmSolverSampler sampler(model.schedule);
  sampler.set_timesteps(refining_timesteps(model.schedule->num_train_timesteps(), model.steps_for(settings.steps, style),
                                           settings.refine_from));
  auto generator = at::detail::createCPUGenerator(noise_seed);
  const torch::Tensor noise = torch::randn({1, 1, s, s}, generator);

  auto check_cancel = [&] {
    if (cancel && cancel->load()) throw WritingCancelled();
  };
  auto with_spatial = [](const torch::Tensor& x, const torch::Tensor& sp) { return sp.defined() ? torch::cat({x, sp}, 1) : x; };
  // The passes mixed at each step (sampler.h, mixed): the conditions as given; everything
  // dropped for guidance; the same with the data's hand for style strength. The data's hand is the
  // model's own UNet, even for a learnt hand that writes through an adapted copy. Passes that
  // share a UNet run as one batch. Their inputs live here because the denoiser refers to them.
  struct Pass {
    UNetConditions conditions;
    torch::Tensor spatial;
    double weight;
    UNet* unet;
  };
  const bool contrast = style != 0 && settings.style_strength != 1.0;
  const double g = settings.guidance, strength = contrast ? settings.style_strength : 1.0;
  std::vector<Pass> passes = {{conditions, spatial, g * strength, &unet}};
  if (g != 1.0)
    passes.push_back({null_conditions(*unet, 1), spatial.defined() ? torch::full_like(spatial, -1.0) : spatial, 1.0 - g, &unet});
  if (contrast) {  // last, so that the passes through an adapted hand's UNet stay together
    UNetConditions data_hand_conditions = conditions;
    data_hand_conditions.style = torch::zeros_like(conditions.style);
    passes.push_back({data_hand_conditions, spatial, g * (1.0 - strength), &data_hand});
  }

  struct Group {
    UNet* unet;
    int64_t first = 0, count = 0;
    UNetConditions conditions;
    torch::Tensor spatial;
  };
  std::vector<Group> groups;
  for (size_t i = 0; i < passes.size(); ++i) {
    if (groups.empty() || groups.back().unet != passes[i].unet) {
      groups.emplace_back();
      groups.back().unet = passes[i].unet;
      groups.back().first = static_cast<int64_t>(i);
    }
    ++groups.back().count;
  }
  for (Group& group : groups) {
    auto joined = [&](torch::Tensor UNetConditions::*field) {
      std::vector<torch::Tensor> parts;
      for (int64_t i = group.first; i < group.first + group.count; ++i)
        if ((passes[i].conditions.*field).defined()) parts.push_back(passes[i].conditions.*field);
      return parts.empty() ? torch::Tensor() : torch::cat(parts);
    };
    group.conditions.style = joined(&UNetConditions::style);
    group.conditions.step = joined(&UNetConditions::step);
    group.conditions.strokes = joined(&UNetConditions::strokes);
    group.conditions.label = joined(&UNetConditions::label);
    if (spatial.defined()) {
      std::vector<torch::Tensor> parts;
      for (int64_t i = group.first; i < group.first + group.count; ++i) parts.push_back(passes[i].spatial);
      group.spatial = torch::cat(parts);
    }
  }
  std::vector<double> weights;
  for (const Pass& pass : passes) weights.push_back(pass.weight);
  Denoiser denoise = mixed(
      [&](const torch::Tensor& x, int64_t t) {  // x: [P, 1, S, S], one sample per pass
        check_cancel();
        std::vector<torch::Tensor> outputs;
        for (const Group& group : groups)
          outputs.push_back((*group.unet)->forward(with_spatial(x.narrow(0, group.first, group.count), group.spatial),
                                                   torch::full({group.count}, t, torch::kInt64), group.conditions));
        return outputs.size() == 1 ? outputs[0] : torch::cat(outputs);
      },
      weights);
  StepObserver observe;
  if (preview) observe = [&](size_t i, const torch::Tensor& x0) { preview(static_cast<int>(i), coverage_from_model_range(x0)); };
  return coverage_from_model_range(run_sampler(sampler, denoise, noise, observe));
}

}  // namespace ink
