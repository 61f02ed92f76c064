#include "torch_catch.h"

#include "ink/base/error.h"
#include "ink/training/checkpoint.h"
#include "test_helpers.h"

using namespace ink;

namespace {

UNetConfig tiny() {
  UNetConfig config;
  config.sample_size = 16;
  config.block_out_channels = {8, 16};
  config.layers_per_block = 1;
  config.attention_head_dim = 8;
  return config;
}

void train_a_step(UNet& unet, torch::optim::Optimizer& optimizer) {
  UNetConditions c;
  c.style = torch::zeros({2}, torch::kInt64);
  c.step = torch::ones({2}, torch::kInt64);
  c.strokes = torch::full({2}, 3, torch::kInt64);
  optimizer.zero_grad();
  unet->forward(torch::randn({2, 4, 16, 16}), torch::tensor({5, 700}, torch::kInt64), c).pow(2).mean().backward();
  optimizer.step();
}

bool same_parameters(UNet& a, UNet& b) {
  const auto pa = a->named_parameters(), pb = b->named_parameters();
  if (pa.size() != pb.size()) return false;
  for (const auto& p : pa)
    if (!torch::equal(p.value(), pb[p.key()])) return false;
  return true;
}

}  // namespace

TEST_CASE("a checkpoint round-trips weights, EMA, optimizer, step, recipe and RNG", "[checkpoint]") {
  test::TempDir dir;
  torch::manual_seed(7);
  UNet model(tiny()), ema(tiny());
  torch::optim::AdamW optimizer(model->parameters(), torch::optim::AdamWOptions(1e-3));
  train_a_step(model, optimizer);
  TrainingCheckpoint meta{tiny(), 1234, R"({"steps": 5000})", cpu_rng_state()};
  save_checkpoint(dir / "ckpt.pt", meta, model, ema, optimizer);
  const torch::Tensor next_draw = torch::randn({4});

  const TrainingCheckpoint header = read_checkpoint_meta(dir / "ckpt.pt");
  UNet model2(header.config), ema2(header.config);
  torch::optim::AdamW optimizer2(model2->parameters(), torch::optim::AdamWOptions(1e-3));
  const TrainingCheckpoint loaded = load_checkpoint(dir / "ckpt.pt", model2, ema2, &optimizer2);
  CHECK(loaded.step == 1234);
  CHECK(loaded.recipe_json == R"({"steps": 5000})");
  CHECK(same_parameters(model, model2));
  CHECK(same_parameters(ema, ema2));
  CHECK_FALSE(same_parameters(model, ema2));  // the EMA is its own set of weights

  // The RNG continues where it was saved...
  restore_cpu_rng_state(loaded.rng_state);
  CHECK(torch::equal(torch::randn({4}), next_draw));
  // ...and the optimizer's moments too: one more identical step keeps the two models identical.
  torch::manual_seed(99);
  train_a_step(model, optimizer);
  torch::manual_seed(99);
  train_a_step(model2, optimizer2);
  CHECK(same_parameters(model, model2));
}

TEST_CASE("a checkpoint from before (a tagged torch archive, version 1) still resumes", "[checkpoint]") {
  test::TempDir dir;
  torch::manual_seed(7);
  UNet model(tiny()), ema(tiny());
  torch::optim::AdamW optimizer(model->parameters(), torch::optim::AdamWOptions(1e-3));
  train_a_step(model, optimizer);
  // Written as the previous release wrote checkpoints.
  torch::serialize::OutputArchive archive, model_archive, ema_archive, optimizer_archive;
  archive.write("format", c10::IValue(std::string("hanzi-ink checkpoint")));
  archive.write("version", c10::IValue(int64_t{1}));
  archive.write("config", c10::IValue(unet_config_to_json(tiny())));
  archive.write("step", c10::IValue(int64_t{77}));
  archive.write("recipe", c10::IValue(std::string("{}")));
  archive.write("rng_state", cpu_rng_state());
  model->save(model_archive);
  ema->save(ema_archive);
  optimizer.save(optimizer_archive);
  archive.write("model", model_archive);
  archive.write("ema", ema_archive);
  archive.write("optimizer", optimizer_archive);
  archive.save_to((dir / "old.ckpt").string());

  const TrainingCheckpoint header = read_checkpoint_meta(dir / "old.ckpt");
  CHECK(header.step == 77);
  UNet model2(header.config), ema2(header.config);
  torch::optim::AdamW optimizer2(model2->parameters(), torch::optim::AdamWOptions(1e-3));
  load_checkpoint(dir / "old.ckpt", model2, ema2, &optimizer2);
  CHECK(same_parameters(model, model2));
  torch::manual_seed(99);
  train_a_step(model, optimizer);
  torch::manual_seed(99);
  train_a_step(model2, optimizer2);
  CHECK(same_parameters(model, model2));
  // Saved again, it is the new form: a tensor file that safetensors' readers open.
  save_checkpoint(dir / "new.ckpt", header, model2, ema2, optimizer2);
  CHECK(test::read_text(dir / "new.ckpt").find("\"format\":\"hanzi-ink checkpoint\"") != std::string::npos);
}

TEST_CASE("damaged, foreign or mismatched checkpoints are refused clearly", "[checkpoint][errors]") {
  test::TempDir dir;
  UNet model(tiny()), ema(tiny());
  torch::optim::AdamW optimizer(model->parameters());
  save_checkpoint(dir / "ok.pt", {tiny(), 3, "{}", {}}, model, ema, optimizer);
  const std::string bytes = test::read_text(dir / "ok.pt");
  test::write_text(dir / "cut.pt", bytes.substr(0, bytes.size() / 2));
  CHECK_THROWS_WITH(read_checkpoint_meta(dir / "cut.pt"), Catch::Contains("cut.pt") && Catch::Contains("truncated or corrupted"));
  test::write_text(dir / "junk.pt", "not a checkpoint");
  CHECK_THROWS_WITH(read_checkpoint_meta(dir / "junk.pt"), Catch::Contains("junk.pt"));
  CHECK_THROWS_WITH(read_checkpoint_meta(dir / "absent.pt"), Catch::Contains("cannot open checkpoint"));
  // The header's metadata, edited in place (same length, so the file stays well formed).
  auto edited = [&](const std::string& from, const std::string& to) {
    std::string text = bytes;
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
    test::write_text(dir / "edited.pt", text);
    return dir / "edited.pt";
  };
  CHECK_THROWS_WITH(read_checkpoint_meta(edited("\"version\":\"2\"", "\"version\":\"9\"")),
                    Catch::Contains("edited.pt: checkpoint version 9, this build reads version 2"));
  CHECK_THROWS_WITH(read_checkpoint_meta(edited("\"step\":\"3\"", "\"step\":\"x\"")),
                    Catch::Contains("edited.pt: checkpoint step 'x' is not a whole number"));
  CHECK_THROWS_WITH(read_checkpoint_meta(edited("hanzi-ink checkpoint", "hanzi-ink checkpoinT")),
                    Catch::Contains("edited.pt: not a hanzi-ink checkpoint"));

  UNetConfig other = tiny();
  other.block_out_channels = {16, 32};
  UNet wrong(other), wrong_ema(other);
  CHECK_THROWS_WITH(load_checkpoint(dir / "ok.pt", wrong, wrong_ema), Catch::Contains("built with another config"));

  CHECK_THROWS_WITH(save_checkpoint(dir / "missing" / "x.pt", {tiny(), 3, "{}", {}}, model, ema, optimizer),
                    Catch::Contains("cannot write"));
  CHECK_FALSE(std::filesystem::exists(dir / "missing"));
}
