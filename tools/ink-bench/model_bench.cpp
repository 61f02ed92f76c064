// Model section: the shipped stroke-mode UNet's forward time at batch 1 and 8 (what the writer
// pays per denoiser call), its forward GFLOP/s, and one training step's time at the recipe's
// batch size.
#include <torch/torch.h>

#include <cstdio>
#include <cstring>

#include "bench.h"
#include "ink/base/paths.h"
#include "ink/model/torch_runtime.h"
#include "ink/model/unet.h"
#include "ink/training/training_recipe.h"

namespace ink::bench {
namespace {

// Multiply-adds x 2 of the convolutions and attention for one sample: what the time is spent on
// (norms, activations and the time embedding are a few percent and left out).
double forward_flops(const UNetImpl& unet) {
  const UNetConfig& c = unet.config();
  const int levels = static_cast<int>(c.block_out_channels.size());
  auto side = [&](int level) { return static_cast<double>(c.sample_size >> level); };
  const double tokens = side(levels - 1) * side(levels - 1);
  double flops = 0;
  for (const auto& item : unet.named_parameters()) {
    const std::string& name = item.key();
    const torch::Tensor& w = item.value();
    if (name.size() < 7 || name.compare(name.size() - 7, 7, ".weight") != 0) continue;
    auto level_of = [&](const char* prefix) { return std::stoi(name.substr(std::strlen(prefix))); };
    if (w.dim() == 4) {
      double s = side(0);
      if (name.rfind("down_blocks.", 0) == 0) {
        const int i = level_of("down_blocks.");
        s = side(name.find("downsamplers") != std::string::npos ? i + 1 : i);
      } else if (name.rfind("up_blocks.", 0) == 0) {
        const int level = levels - 1 - level_of("up_blocks.");
        s = side(name.find("upsamplers") != std::string::npos ? level - 1 : level);
      } else if (name.rfind("mid_block.", 0) == 0) {
        s = side(levels - 1);
      }
      flops += 2.0 * w.numel() * s * s;
    } else if (w.dim() == 2 && name.rfind("mid_block.attentions", 0) == 0) {
      flops += 2.0 * w.numel() * tokens;
    }
  }
  flops += 4.0 * tokens * tokens * c.block_out_channels.back();  // QK^T and AV
  return flops;
}

}  // namespace

nlohmann::json model_section() {
  nlohmann::json out;
  const int threads = configure_torch_threads();
  const TrainingRecipe recipe = load_training_recipe(default_model_dir() / "stroke" / "recipe.json");
  const UNetConfig& config = recipe.model;
  std::printf("== model (the default stroke recipe's UNet, %d px, %d threads) ==\n", config.sample_size, threads);
  torch::manual_seed(0);
  UNet unet(config);
  out["parameters"] = unet->parameter_count();
  const double flops = forward_flops(*unet);
  out["forward_gflop_per_sample"] = flops / 1e9;
  std::printf("parameters                        %8.2f M\n", unet->parameter_count() / 1e6);
  std::printf("forward, per sample               %8.3f GFLOP\n", flops / 1e9);

  auto conditions = [&](int64_t batch) {
    UNetConditions c;
    c.style = torch::zeros({batch}, torch::kInt64);
    c.step = torch::zeros({batch}, torch::kInt64);
    c.strokes = torch::full({batch}, 9, torch::kInt64);
    return c;
  };
  {
    torch::NoGradGuard no_grad;
    unet->eval();
    for (int64_t batch : {1, 2, 8}) {
      const torch::Tensor x = torch::randn({batch, config.in_channels, config.sample_size, config.sample_size});
      const torch::Tensor t = torch::full({batch}, 500, torch::kInt64);
      const UNetConditions c = conditions(batch);
      for (int i = 0; i < 3; ++i) unet->forward(x, t, c);  // warm-up: oneDNN picks its kernels
      std::vector<double> ms;
      for (int i = 0; i < 30; ++i) ms.push_back(seconds_of([&] { unet->forward(x, t, c); }) * 1e3);
      const Timing timing = summarize(ms);
      const double gflops = flops * batch / (timing.median / 1e3) / 1e9;
      out["forward_ms_batch_" + std::to_string(batch)] = {{"median", timing.median}, {"p90", timing.p90}, {"gflop_per_s", gflops}};
      std::printf("forward, batch %-2lld                 %8.1f ms median, %.1f ms p90, %.1f GFLOP/s\n",
                  static_cast<long long>(batch), timing.median, timing.p90, gflops);
    }
  }
  unet->train();
  torch::optim::AdamW optimizer(unet->parameters(), torch::optim::AdamWOptions(1e-4));
  const int64_t batch = recipe.batch_size;
  const torch::Tensor x = torch::randn({batch, config.in_channels, config.sample_size, config.sample_size});
  const torch::Tensor target = torch::randn({batch, 1, config.sample_size, config.sample_size});
  const torch::Tensor t = torch::randint(0, 1000, {batch}, torch::kInt64);
  const UNetConditions c = conditions(batch);
  std::vector<double> ms;
  for (int i = 0; i < 6; ++i) {
    ms.push_back(seconds_of([&] {
      optimizer.zero_grad();
      torch::mse_loss(unet->forward(x, t, c), target).backward();
      optimizer.step();
    }) * 1e3);
  }
  ms.erase(ms.begin());  // the first step allocates
  const Timing step = summarize(ms);
  out["train_step_ms"] = step.median;
  out["train_batch"] = batch;
  out["train_samples_per_s"] = batch / (step.median / 1e3);
  std::printf("training step, batch %-3lld          %8.1f ms median (%.1f samples/s)\n", static_cast<long long>(batch),
              step.median, batch / (step.median / 1e3));
  return out;
}

}  // namespace ink::bench
