// Model section: the default stroke-mode UNet's forward time at batch 1 and 8 (what the writer
// pays per denoiser call) and one training step's time at batch 16.
#include <torch/torch.h>

#include <cstdio>

#include "bench.h"
#include "ink/torch_runtime.h"
#include "ink/unet.h"

namespace ink::bench {

nlohmann::json model_section() {
  nlohmann::json out;
  const int threads = configure_torch_threads();
  std::printf("== model (default stroke UNet, 64 px, %d threads) ==\n", threads);
  torch::manual_seed(0);
  const UNetConfig config;  // defaults: stroke mode, 64 px, 32/64/128, 2 layers per block
  UNet unet(config);
  out["parameters"] = unet->parameter_count();
  std::printf("parameters                        %8.2f M\n", unet->parameter_count() / 1e6);

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
    for (int64_t batch : {1, 8}) {
      const torch::Tensor x = torch::randn({batch, config.in_channels, config.sample_size, config.sample_size});
      const torch::Tensor t = torch::full({batch}, 500, torch::kInt64);
      const UNetConditions c = conditions(batch);
      for (int i = 0; i < 3; ++i) unet->forward(x, t, c);  // warm-up: oneDNN picks its kernels
      std::vector<double> ms;
      for (int i = 0; i < 20; ++i) ms.push_back(seconds_of([&] { unet->forward(x, t, c); }) * 1e3);
      const Timing timing = summarize(ms);
      out["forward_ms_batch_" + std::to_string(batch)] = {{"median", timing.median}, {"p90", timing.p90}};
      std::printf("forward, batch %-2lld                 %8.1f ms median, %.1f ms p90\n", static_cast<long long>(batch),
                  timing.median, timing.p90);
    }
  }
  unet->train();
  torch::optim::AdamW optimizer(unet->parameters(), torch::optim::AdamWOptions(1e-4));
  const int64_t batch = 16;
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
  out["train_step_ms_batch_16"] = step.median;
  out["train_samples_per_s"] = batch / (step.median / 1e3);
  std::printf("training step, batch 16           %8.1f ms median (%.1f samples/s)\n", step.median, batch / (step.median / 1e3));
  return out;
}

}  // namespace ink::bench
