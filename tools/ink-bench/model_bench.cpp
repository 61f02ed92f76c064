// Model section: the shipped stroke-mode UNet's forward time at batch 1 (what the writer pays per
// denoiser call), 2 and 8, its GFLOP/s against the machine's measured fp32 rate, where a batch-1
// forward's time goes by operator, and one training step's time at the recipe's batch size.
#include <torch/torch.h>

#include <cstdio>
#include <cstring>
#include <dlfcn.h>

#include "bench.h"
#include "forward_profile.h"
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

// The machine's fp32 rate as a large matrix product reaches it (OpenBLAS's sgemm, n = 2048), on
// `threads` threads: what a forward's GFLOP/s is measured against.
double sgemm_gflops(int threads) {
  using SetThreads = void (*)(int);
  const auto set_blas_threads = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (set_blas_threads) set_blas_threads(threads);
  const int64_t n = 2048;
  const torch::Tensor a = torch::randn({n, n}), b = torch::randn({n, n});
  double best = 0;
  for (int i = 0; i < 4; ++i) best = std::max(best, 2.0 * n * n * n / seconds_of([&] { torch::mm(a, b); }) / 1e9);
  if (set_blas_threads) set_blas_threads(1);  // as configure_torch_threads leaves it
  return best;
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
  const double peak_one = sgemm_gflops(1), peak_all = sgemm_gflops(threads);
  out["fp32_peak_gflop_per_s"] = {{"one_thread", peak_one}, {"all_threads", peak_all}};
  std::printf("fp32 peak (sgemm 2048)            %8.1f GFLOP/s on one thread, %.1f on %d\n", peak_one, peak_all, threads);
  std::printf("forward, per sample               %8.3f GFLOP\n", flops / 1e9);

  auto conditions = [&](int64_t batch) {
    UNetConditions c;
    c.style = torch::zeros({batch}, torch::kInt64);
    c.step = torch::zeros({batch}, torch::kInt64);
    c.strokes = torch::full({batch}, 9, torch::kInt64);
    return c;
  };
  unet->eval();
  // A forward's time at `batch` on `count` threads; `own_convolutions`: each convolution's kernel
  // as libtorch chooses it (set_onednn_inference).
  auto forward_timing = [&](int64_t batch, int count, bool own_convolutions) {
    const torch::Tensor x = torch::randn({batch, config.in_channels, config.sample_size, config.sample_size});
    const torch::Tensor t = torch::full({batch}, 500, torch::kInt64);
    const UNetConditions c = conditions(batch);
    const TorchThreads using_threads(count);
    torch::NoGradGuard no_grad;
    set_onednn_inference(!own_convolutions);
    for (int i = 0; i < 3; ++i) unet->forward(x, t, c);  // warm-up: oneDNN picks its kernels
    std::vector<double> ms;
    for (int i = 0; i < 30; ++i) ms.push_back(seconds_of([&] { unet->forward(x, t, c); }) * 1e3);
    set_onednn_inference(true);
    return summarize(ms);
  };
  struct Row {
    std::string key, label;
    int64_t batch;
    int threads;
    bool own_convolutions;
  };
  const std::string all = std::to_string(threads) + " threads";
  const Row rows[] = {{"forward_ms_batch_1_before", "batch 1, " + all + ", libtorch's convs (before)", 1, threads, true},
                      {"forward_ms_batch_1_all_threads", "batch 1, " + all, 1, threads, false},
                      {"forward_ms_batch_1_own_convolutions", "batch 1, one thread, libtorch's convs", 1, 1, true},
                      {"forward_ms_batch_1", "batch 1, one thread (the writers)", 1, 1, false},
                      {"forward_ms_batch_2", "batch 2, one thread", 2, 1, false},
                      {"forward_ms_batch_8", "batch 8, " + all, 8, threads, false}};
  for (const Row& row : rows) {
    const Timing timing = forward_timing(row.batch, row.threads, row.own_convolutions);
    const double gflops = flops * row.batch / (timing.median / 1e3) / 1e9;
    out[row.key] = {{"median", timing.median}, {"p90", timing.p90}, {"gflop_per_s", gflops}, {"threads", row.threads}};
    std::printf("forward, %-42s %6.1f ms median, %.1f ms p90, %.1f GFLOP/s\n", row.label.c_str(), timing.median, timing.p90, gflops);
  }
  {
    torch::NoGradGuard no_grad;
    const TorchThreads one(1);
    const torch::Tensor x = torch::randn({1, config.in_channels, config.sample_size, config.sample_size});
    const torch::Tensor t = torch::full({1}, 500, torch::kInt64);
    const UNetConditions c = conditions(1);
    const auto ops = profile_operators([&] { unet->forward(x, t, c); }, 20);
    double total = 0;
    for (const auto& op : ops) total += op.self_ms;
    std::printf("batch 1, one thread, by operator (self time; %.1f ms in all under the profiler):\n", total);
    nlohmann::json profile = nlohmann::json::array();
    for (size_t i = 0; i < std::min<size_t>(ops.size(), 10); ++i) {
      std::printf("  %-34s %6.2f ms %5.1f%%  %4.0f calls\n", ops[i].name.c_str(), ops[i].self_ms, 100 * ops[i].self_ms / total, ops[i].calls);
      profile.push_back({{"operator", ops[i].name}, {"ms", ops[i].self_ms}, {"calls", ops[i].calls}});
    }
    out["forward_batch_1_profile"] = profile;
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
