// A tiny real training run: a small UNet on real stroke-step samples of the committed sample
// data. Its loss must fall clearly (llm.c's test_gpt2 checks first-steps loss the same way).
#include "torch_catch.h"

#include "ink/dataset/dataset.h"
#include "ink/dataset/shard_tensor.h"
#include "ink/training/diffusion_loss.h"
#include "test_helpers.h"

using namespace ink;

TEST_CASE("a tiny stroke-mode training run lowers the denoising loss", "[train][slow]") {
  test::TempDir dir;
  test::build_sample_dataset(dir.path(), {U'干', U'永', U'十', U'大'}, 32);
  const ShardTensors shard = load_shard_tensors(dir / "stroke_step-00000.shard");
  DiffusionBatch batch = batch_from_planes(shard.planes);
  batch.conditions.style = torch::zeros_like(shard.steps);
  batch.conditions.step = shard.steps;
  batch.conditions.strokes = shard.stroke_counts;
  REQUIRE(batch.target.size(0) >= 12);

  torch::manual_seed(0);
  UNetConfig config;
  config.sample_size = 32;
  config.block_out_channels = {16, 32};
  config.layers_per_block = 1;
  config.attention_head_dim = 16;
  UNet unet(config);
  NoiseScheduleConfig schedule_config;
  schedule_config.beta_schedule = BetaSchedule::linear;
  schedule_config.beta_start = 0.0001;
  schedule_config.beta_end = 0.02;
  const NoiseSchedule schedule(schedule_config);
  torch::optim::AdamW optimizer(unet->parameters(), torch::optim::AdamWOptions(2e-3));

  // The same noise draws at the start and the end, so the comparison measures the model only.
  auto evaluate = [&]() {
    torch::NoGradGuard no_grad;
    auto generator = at::detail::createCPUGenerator(1234);
    double total = 0;
    for (int i = 0; i < 8; ++i) total += diffusion_loss(unet, schedule, batch, &generator).item<double>();
    return total / 8;
  };
  const double before = evaluate();
  for (int step = 0; step < 60; ++step) {
    optimizer.zero_grad();
    const torch::Tensor loss = diffusion_loss(unet, schedule, batch);
    REQUIRE(std::isfinite(loss.item<double>()));
    loss.backward();
    optimizer.step();
  }
  const double after = evaluate();
  INFO("loss before " << before << ", after " << after);
  CHECK(before > 0.5);          // an untrained model knows nothing of the noise
  CHECK(after < 0.5 * before);  // ...and a few steps teach it a good part
}
