// The training loop: an interrupted run resumed from its checkpoint ends with exactly the same
// weights as an uninterrupted one; Ctrl-C and kill -9 through the real ink-train binary.
#include "torch_catch.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <limits>
#include <thread>

#include "ink/base/error.h"
#include "ink/dataset/dataset.h"
#include "ink/dataset/training_data.h"
#include "ink/model/torch_runtime.h"
#include "ink/render/image.h"
#include "ink/training/checkpoint.h"
#include "ink/training/trainer.h"
#include "test_helpers.h"
#include "tiny_model.h"

using namespace ink;
using Catch::Matchers::Contains;

namespace {

void train(Trainer& trainer, const std::filesystem::path& data_dir, int stop_at = -1) {
  trainer.set_data(std::make_shared<TrainingData>(data_dir, trainer.recipe().model), nullptr, {"hanzi-writer-data"});
  trainer.run([&] { return stop_at >= 0 && trainer.step() >= stop_at; }, {});
}

bool same_weights(UNet& a, UNet& b) {
  const auto pa = a->parameters(), pb = b->parameters();
  for (size_t i = 0; i < pa.size(); ++i)
    if (!torch::equal(pa[i], pb[i])) return false;
  return true;
}

}  // namespace

TEST_CASE("a run stopped and resumed ends exactly where an uninterrupted run does", "[train]") {
  test::TempDir dir;
  test::build_sample_dataset(dir / "data", {U'干', U'十', U'大', U'永'}, 16);
  Trainer straight(test::tiny_recipe(dir / "data", 8), dir / "straight");
  train(straight, dir / "data");
  REQUIRE(straight.step() == 8);
  REQUIRE(std::filesystem::exists(straight.model_file()));
  // The run's picture, drawn at its last checkpoint.
  const Image curve = read_image(straight.loss_curve_file());
  CHECK(curve.width == 960);

  {
    Trainer first_half(test::tiny_recipe(dir / "data", 8), dir / "halves");
    train(first_half, dir / "data", 3);  // stops after 3 steps with a checkpoint, as Ctrl-C does
    REQUIRE(first_half.step() == 3);
    REQUIRE(!std::filesystem::exists(first_half.model_file()));
  }
  torch::manual_seed(999);  // whatever happened in between must not matter
  Trainer resumed = Trainer::resume(dir / "halves");
  CHECK(resumed.step() == 3);
  train(resumed, dir / "data");
  CHECK(resumed.step() == 8);
  CHECK(same_weights(straight.model(), resumed.model()));
  CHECK(same_weights(straight.ema(), resumed.ema()));
  // The resumed log goes on from the first half's; each step is in it once.
  const auto steps_logged = [](const std::filesystem::path& run, int step) {
    const std::string log = test::read_text(run / "train-log.jsonl"), key = "\"step\": " + std::to_string(step) + ",";
    size_t count = 0;
    for (size_t at = log.find(key); at != std::string::npos; at = log.find(key, at + 1)) ++count;
    return count;
  };
  CHECK(steps_logged(dir / "halves", 1) == 1);
  CHECK(steps_logged(dir / "halves", 8) == 1);
  // A fresh run where a finished one lies (its checkpoint gone, as a shipped model's is) starts
  // the log again: it describes the model beside it.
  std::filesystem::remove(dir / "straight" / "training.ckpt");
  Trainer again(test::tiny_recipe(dir / "data", 8), dir / "straight");
  train(again, dir / "data");
  CHECK(steps_logged(dir / "straight", 1) == 1);
  CHECK(steps_logged(dir / "straight", 8) == 1);
}

TEST_CASE("style_balance shares batches out evenly between a big style and a small one", "[train]") {
  test::TempDir dir;
  DatasetOptions options;
  options.out_dir = dir / "data";
  options.size = 16;
  // Kouzan has the first three and none of the simplified-only rest: a small style beside the data.
  options.chars = {U'干', U'十', U'大', U'东', U'书', U'长', U'风', U'马', U'鱼'};
  options.font_family = "hanzi-writer-data,kouzan=KouzanBrushFont";
  build_dataset(test::sample_library(), options);
  TrainingRecipe recipe = test::tiny_recipe(dir / "data", 1);
  const TrainingData data(dir / "data", recipe.model);
  const std::vector<int64_t> per_style = data.samples_per_style();
  REQUIRE(per_style.size() == 2);
  REQUIRE(per_style[0] > 0);
  REQUIRE(per_style[1] > 0);

  REQUIRE(per_style[1] * 3 < per_style[0]);

  // The share of style 1 (Kouzan) among drawn samples, whose style the batch reports.
  auto font_share = [&](double balance) {
    torch::manual_seed(5);
    const torch::Tensor indices = data.draw(4000, balance);
    CHECK(indices.min().item<int64_t>() >= 0);
    CHECK(indices.max().item<int64_t>() < data.size());
    return data.batch(indices).conditions.style.to(torch::kFloat64).mean().item<double>();
  };
  const double natural = static_cast<double>(per_style[1]) / static_cast<double>(per_style[0] + per_style[1]);
  CHECK(font_share(0) == Approx(natural).margin(0.03));
  CHECK(font_share(1) == Approx(0.5).margin(0.03));
  const double half = std::sqrt(static_cast<double>(per_style[1])) /
                      (std::sqrt(static_cast<double>(per_style[0])) + std::sqrt(static_cast<double>(per_style[1])));
  CHECK(font_share(0.5) == Approx(half).margin(0.03));
}

TEST_CASE("a fresh run refuses a directory that already holds a run", "[train]") {
  test::TempDir dir;
  test::build_sample_dataset(dir / "data", {U'干', U'十'}, 16);
  Trainer run(test::tiny_recipe(dir / "data", 3), dir / "run");
  train(run, dir / "data");
  test::write_text(dir / "recipe.json", training_recipe_to_json(test::tiny_recipe(dir / "data", 3)));
  const test::ToolRun again = test::run_tool("ink-train", test::shell_quote((dir / "recipe.json").string()) + " --out " +
                                                              test::shell_quote((dir / "run").string()));
  CHECK(again.exit_code == 1);
  CHECK_THAT(again.err, Contains("already has a training.ckpt") && Contains("--resume"));
  const test::ToolRun missing = test::run_tool("ink-train", "--resume " + test::shell_quote((dir / "nothing").string()));
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Contains("no training.ckpt"));
}

TEST_CASE("kill -9 in the middle of ink-train then --resume, finishes the run", "[train][slow]") {
  test::TempDir dir;
  test::build_sample_dataset(dir / "data", {U'干', U'十', U'大', U'永', U'春'}, 16);
  TrainingRecipe recipe = test::tiny_recipe(dir / "data", 400);
  recipe.checkpoint_every = 10;
  test::write_text(dir / "recipe.json", training_recipe_to_json(recipe));
  const std::filesystem::path run = dir / "run", checkpoint = run / "training.ckpt";

  const pid_t child = test::start_tool("ink-train", {(dir / "recipe.json").string(), "--out", run.string(), "--threads", "1"});
  REQUIRE(child > 0);
  // Wait for a checkpoint past step 20, then kill without warning (no chance to save).
  int64_t killed_after = 0;
  for (int i = 0; i < 600 && killed_after < 20; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (std::filesystem::exists(checkpoint)) killed_after = read_checkpoint_meta(checkpoint).step;
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(killed_after >= 20);
  REQUIRE(killed_after < 400);
  // The checkpoint on disk is whole (atomic rename): it loads, and the run continues from it.
  const int64_t saved = read_checkpoint_meta(checkpoint).step;
  CHECK(saved >= killed_after);
  const test::ToolRun resumed = test::run_tool("ink-train", "--resume " + test::shell_quote(run.string()) + " --threads 1");
  INFO(resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK_THAT(resumed.out, Contains("resuming") && Contains("at step " + std::to_string(saved)));
  CHECK(read_checkpoint_meta(checkpoint).step == 400);
  CHECK(std::filesystem::exists(run / "model.safetensors"));
}

TEST_CASE("SIGINT makes ink-train save a checkpoint and say how to resume", "[train][slow]") {
  test::TempDir dir;
  test::build_sample_dataset(dir / "data", {U'干', U'十'}, 16);
  TrainingRecipe recipe = test::tiny_recipe(dir / "data", 100000);
  test::write_text(dir / "recipe.json", training_recipe_to_json(recipe));
  const std::filesystem::path run = dir / "run";
  const pid_t child =
      test::start_tool("ink-train", {(dir / "recipe.json").string(), "--out", run.string(), "--threads", "1"}, dir / "err");
  REQUIRE(child > 0);
  for (int i = 0; i < 300 && !std::filesystem::exists(run / "train-log.jsonl"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(test::stop_tool(child, SIGINT) == 130);
  CHECK_THAT(test::read_text(dir / "err"), Contains("interrupted at step") && Contains("--resume"));
  CHECK(read_checkpoint_meta(run / "training.ckpt").step > 0);
}

TEST_CASE("a loss that turns NaN stops training with the step and the last good checkpoint named", "[train]") {
  test::TempDir dir;
  test::build_sample_dataset(dir / "data", {U'干', U'十'}, 16);
  TrainingRecipe recipe = test::tiny_recipe(dir / "data", 20);
  recipe.checkpoint_every = 4;
  Trainer trainer(recipe, dir / "run");
  trainer.set_data(std::make_shared<TrainingData>(dir / "data", recipe.model), nullptr, {});
  trainer.run([&] { return trainer.step() >= 5; }, {});  // a good checkpoint at step 5
  const std::string before = test::read_text(trainer.checkpoint_file());
  {
    torch::NoGradGuard no_grad;
    trainer.model()->parameters().front().fill_(std::numeric_limits<float>::quiet_NaN());
  }
  CHECK_THROWS_WITH(trainer.run({}, {}), Contains("step 6") && Contains("nan") && Contains("training.ckpt (step 5)"));
  CHECK(test::read_text(trainer.checkpoint_file()) == before);  // left exactly as it was
}

TEST_CASE("a recipe too big for the machine, or unlike its init_from, is refused in one line before anything is made", "[train][errors]") {
  test::TempDir dir;
  TrainingRecipe huge = test::tiny_recipe(dir / "data", 3);
  huge.model.block_out_channels = {65536};  // once a 155 GB allocation and libtorch's stack trace
  try {
    Trainer run(huge, dir / "huge");
    FAIL("a UNet of 65,536 channels was accepted");
  } catch (const InkError& e) {
    const std::string message = e.what();
    CHECK_THAT(message, Contains("recipe: a UNet of") && Contains("billion parameters") && Contains("needs about") && Contains("this machine has"));
    CHECK(message.find('\n') == std::string::npos);
  }
  CHECK(!std::filesystem::exists(dir / "huge"));

  test::build_sample_dataset(dir / "data", {U'干', U'十'}, 16);
  Trainer base(test::tiny_recipe(dir / "data", 3), dir / "base");
  train(base, dir / "data");
  TrainingRecipe wider = test::tiny_recipe(dir / "data", 3);
  wider.model.block_out_channels = {8, 32};
  wider.init_from = dir / "base";
  try {
    Trainer run(wider, dir / "wider");
    FAIL("a recipe unlike its init_from was accepted");
  } catch (const InkError& e) {
    const std::string message = e.what();
    CHECK_THAT(message, Contains("its model config differs from the recipe's (block_out_channels [8,16] there, [8,32] here)"));
    CHECK(message.find('\n') == std::string::npos);
  }
  CHECK(!std::filesystem::exists(dir / "wider"));
}

TEST_CASE("mixed precision bf16 trains float32 weights close to a float32 run's, and resumes exactly", "[train]") {
  test::TempDir dir;
  test::build_sample_dataset(dir / "data", {U'干', U'十', U'大', U'永'}, 16);
  TrainingRecipe recipe = test::tiny_recipe(dir / "data", 30);
  Trainer fp32(recipe, dir / "fp32");
  train(fp32, dir / "data");
  recipe.mixed_precision = "bf16";
  Trainer bf16(recipe, dir / "bf16");
  train(bf16, dir / "data");
  // The same run but for rounding: weights stay float32, a few bf16 ulps (2^-8) apart at most.
  double difference = 0, largest = 0;
  const auto a = fp32.model()->parameters(), b = bf16.model()->parameters();
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(b[i].scalar_type() == torch::kFloat32);
    difference = std::max(difference, (a[i] - b[i]).abs().max().item<double>());
    largest = std::max(largest, a[i].abs().max().item<double>());
  }
  CHECK(difference > 0);  // bf16 did run
  CHECK(difference < 0.05 * largest);
  CHECK_THAT(test::read_text(dir / "bf16" / "config.json"), Contains("\"mixed_precision\": \"bf16\""));

  // The recipe (with its precision) is in the checkpoint: a resumed bf16 run ends where a straight one does.
  {
    Trainer first_half(recipe, dir / "halves");
    train(first_half, dir / "data", 12);
  }
  Trainer resumed = Trainer::resume(dir / "halves");
  CHECK(resumed.recipe().mixed_precision == "bf16");
  train(resumed, dir / "data");
  CHECK(same_weights(bf16.model(), resumed.model()));
}

TEST_CASE("the training device is cpu or cuda, and cuda is refused in one line where there is none", "[train][errors]") {
  CHECK(parse_device("cpu").is_cpu());
  CHECK_THROWS_WITH(parse_device("gpu"), Contains("--device gpu: expected cpu, cuda or cuda:N"));
  CHECK_THROWS_WITH(parse_device("cuda:x"), Contains("expected cpu, cuda or cuda:N"));
  CHECK_THROWS_WITH(parse_device("cpu:1"), Contains("expected cpu, cuda or cuda:N"));
  if (!torch::cuda::is_available()) CHECK_THROWS_WITH(parse_device("cuda:0"), Contains("this libtorch has no CUDA"));
  else CHECK_THROWS_WITH(parse_device("cuda:999"), Contains("this machine has"));
}
