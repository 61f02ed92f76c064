// Data-parallel training through the real ink-train binary, ranks as real processes talking
// over loopback (Gloo): two ranks end where one process does, their checkpoint resumes in one,
// a killed rank ends the run with a message and an intact checkpoint, and ranks started by hand
// from torchrun's variables refuse to train from different weights.
#include "torch_catch.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "ink/base/error.h"
#include "ink/model/model_file.h"
#include "ink/training/batch_share.h"
#include "ink/training/checkpoint.h"
#include "ink/training/data_parallel.h"
#include "test_helpers.h"
#include "tiny_model.h"

using namespace ink;
using Catch::Matchers::Contains;

namespace {

// The largest difference between two models' weights, relative to the largest weight.
double weight_difference(const std::filesystem::path& a, const std::filesystem::path& b) {
  const LoadedModel first = load_model(a, ConditioningMode::stroke), second = load_model(b, ConditioningMode::stroke);
  const auto pa = first.unet->parameters(), pb = second.unet->parameters();
  REQUIRE(pa.size() == pb.size());
  double difference = 0, largest = 0;
  for (size_t i = 0; i < pa.size(); ++i) {
    difference = std::max(difference, (pa[i] - pb[i]).abs().max().item<double>());
    largest = std::max(largest, pa[i].abs().max().item<double>());
  }
  return difference / largest;
}

// Lines of a run's train-log.jsonl so far.
int logged_steps(const std::filesystem::path& run) {
  if (!std::filesystem::exists(run / "train-log.jsonl")) return 0;
  const std::string log = test::read_text(run / "train-log.jsonl");
  return static_cast<int>(std::count(log.begin(), log.end(), '\n'));
}

void wait_for_steps(const std::filesystem::path& run, int steps) {
  for (int i = 0; i < 600 && logged_steps(run) < steps; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE(logged_steps(run) >= steps);
}

// The pid of the child of `parent` whose environment says RANK=`rank`.
pid_t rank_pid(pid_t parent, int rank) {
  const std::string wanted = "RANK=" + std::to_string(rank);
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string status, environ;
    try {
      status = test::read_text(entry.path() / "status");
      environ = test::read_text(entry.path() / "environ");
    } catch (...) {
      continue;  // gone meanwhile
    }
    if (status.find("\nPPid:\t" + std::to_string(parent) + "\n") == std::string::npos) continue;
    size_t at = 0;
    while (at < environ.size()) {
      const size_t end = std::min(environ.find('\0', at), environ.size());
      if (environ.compare(at, end - at, wanted) == 0) return static_cast<pid_t>(std::stol(name));
      at = end + 1;
    }
  }
  return 0;
}

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

}  // namespace

TEST_CASE("a batch is shared among ranks in contiguous runs that cover it once", "[train]") {
  for (int ranks = 1; ranks <= 5; ++ranks) {
    for (int64_t total : {5, 8, 32, 33}) {
      int64_t next = 0;
      for (int rank = 0; rank < ranks; ++rank) {
        const BatchShare share = BatchShare::of_rank(total, rank, ranks);
        CHECK(share.offset == next);
        CHECK(share.count >= total / ranks);
        CHECK(share.count <= total / ranks + 1);
        next += share.count;
      }
      CHECK(next == total);
    }
  }
  const torch::Tensor drawn = torch::arange(5);
  CHECK(torch::equal(BatchShare::of_rank(5, 1, 2).rows(drawn), torch::tensor({3, 4}, torch::kInt64)));
  CHECK(BatchShare::of_rank(5, 0, 2).weight() == Approx(0.6));
}

TEST_CASE("torchrun's variables are read, and a wrong one is named", "[train]") {
  struct Saved {
    ~Saved() {
      for (const char* name : {"WORLD_SIZE", "RANK", "LOCAL_RANK", "LOCAL_WORLD_SIZE", "MASTER_PORT"}) unsetenv(name);
    }
  } restore;
  unsetenv("WORLD_SIZE");
  CHECK(!world_from_environment());
  setenv("WORLD_SIZE", "4", 1);
  setenv("RANK", "3", 1);
  setenv("LOCAL_WORLD_SIZE", "2", 1);
  setenv("LOCAL_RANK", "1", 1);
  setenv("MASTER_PORT", "29511", 1);
  const auto world = world_from_environment();
  REQUIRE(world);
  CHECK(world->rank == 3);
  CHECK(world->size == 4);
  CHECK(world->local_rank == 1);
  CHECK(world->master_port == 29511);
  setenv("RANK", "4", 1);
  CHECK_THROWS_WITH(world_from_environment(), Contains("RANK=4: expected a whole number from 0 to 3"));
  setenv("RANK", "1", 1);
  setenv("MASTER_PORT", "http", 1);
  CHECK_THROWS_WITH(world_from_environment(), Contains("MASTER_PORT=http"));
  unsetenv("RANK");
  setenv("MASTER_PORT", "29511", 1);
  CHECK_THROWS_WITH(world_from_environment(), Contains("RANK is not"));
}

TEST_CASE("two ranks on loopback end with the weights of one process, and their checkpoint resumes in one", "[train][slow]") {
  test::TempDir dir;
  test::build_sample_dataset(dir / "data", {U'干', U'十', U'大', U'永', U'春'}, 16);
  TrainingRecipe recipe = test::tiny_recipe(dir / "data", 120);
  recipe.batch_size = 5;  // shared 3 + 2: unequal shares weigh their losses by size
  recipe.eval_chars = "大永";
  recipe.eval_samples = 7;
  recipe.eval_every = 40;
  recipe.checkpoint_every = 10;
  test::write_text(dir / "recipe.json", training_recipe_to_json(recipe));
  const std::string recipe_file = test::shell_quote((dir / "recipe.json").string());
  const std::string data = " --data " + test::shell_quote(test::sample_dir().string());

  const test::ToolRun one = test::run_tool("ink-train", recipe_file + " --out " + test::shell_quote((dir / "one").string()) + " --threads 1" + data);
  INFO(one.err);
  REQUIRE(one.exit_code == 0);
  const test::ToolRun two = test::run_tool("ink-train", recipe_file + " --out " + test::shell_quote((dir / "two").string()) + " --nproc 2" + data);
  INFO(two.err);
  REQUIRE(two.exit_code == 0);
  CHECK_THAT(two.out, Contains("over 2 ranks"));
  CHECK(weight_difference(dir / "one", dir / "two") < 1e-4);
  // The eval is shared out too, and adds up to the one-process figure.
  const std::string log_one = test::read_text(dir / "one" / "train-log.jsonl"), log_two = test::read_text(dir / "two" / "train-log.jsonl");
  const auto eval_at = [](const std::string& log, int step) {
    const size_t line = log.find("{\"step\": " + std::to_string(step) + ",");
    const size_t at = log.find("\"eval_loss\": ", line);
    REQUIRE(at != std::string::npos);
    return std::stod(log.substr(at + 13));
  };
  CHECK(eval_at(log_two, 40) == Approx(eval_at(log_one, 40)).epsilon(1e-4));
  CHECK(eval_at(log_two, 120) == Approx(eval_at(log_one, 120)).epsilon(1e-3));
  CHECK_THAT(log_two, Contains("\"ranks\": 2") && Contains("\"allreduce_ms\": "));

  // Ctrl-C to the launcher reaches both ranks; rank 0 saves; one process resumes the run.
  const std::filesystem::path halves = dir / "halves";
  const pid_t launcher = test::start_tool("ink-train", {(dir / "recipe.json").string(), "--out", halves.string(), "--nproc", "2", "--data",
                                                        test::sample_dir().string()}, dir / "halves.err");
  REQUIRE(launcher > 0);
  wait_for_steps(halves, 5);
  CHECK(test::stop_tool(launcher, SIGINT) == 130);
  const int64_t saved = read_checkpoint_meta(halves / "training.ckpt").step;
  CHECK(saved >= 5);
  REQUIRE(saved < 120);
  const test::ToolRun resumed = test::run_tool("ink-train", "--resume " + test::shell_quote(halves.string()) + " --threads 1" + data);
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(resumed.out, Contains("at step " + std::to_string(saved)));
  CHECK(weight_difference(dir / "one", halves) < 1e-4);
}

TEST_CASE("a rank killed with -9 ends the run with a clear message and leaves the checkpoint whole", "[train][slow]") {
  test::TempDir dir;
  test::build_sample_dataset(dir / "data", {U'干', U'十', U'大', U'永', U'春'}, 16);
  TrainingRecipe recipe = test::tiny_recipe(dir / "data", 100000);
  recipe.checkpoint_every = 5;
  test::write_text(dir / "recipe.json", training_recipe_to_json(recipe));
  const std::filesystem::path run = dir / "run";
  const auto started = std::chrono::steady_clock::now();
  const pid_t launcher =
      test::start_tool("ink-train", {(dir / "recipe.json").string(), "--out", run.string(), "--nproc", "2"}, dir / "err");
  REQUIRE(launcher > 0);
  wait_for_steps(run, 12);
  const pid_t rank1 = rank_pid(launcher, 1);
  REQUIRE(rank1 > 0);
  kill(rank1, SIGKILL);
  int status = 0;
  waitpid(launcher, &status, 0);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string err = test::read_text(dir / "err");
  INFO(err);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) != 0);
  CHECK_THAT(err, Contains("rank 1 was killed by signal 9"));
  CHECK_THAT(err, Contains("rank 0: lost contact with the other ranks") && Contains("Last good checkpoint") &&
                      Contains("ink-train --resume"));
  CHECK(seconds < 60);  // not the collective timeout: the closed socket ends it
  // Whole: it loads, weights and all.
  const int64_t saved = read_checkpoint_meta(run / "training.ckpt").step;
  CHECK(saved >= 10);
  UNet model(recipe.model), ema(recipe.model);
  CHECK(load_checkpoint(run / "training.ckpt", model, ema).step == saved);
}

TEST_CASE("ranks started by hand from torchrun's variables refuse different weights, and a batch too small to share", "[train][slow]") {
  test::TempDir dir;
  test::build_sample_dataset(dir / "data", {U'干', U'十'}, 16);
  TrainingRecipe recipe = test::tiny_recipe(dir / "data", 3);
  test::write_text(dir / "a.json", training_recipe_to_json(recipe));
  recipe.seed = 8;
  test::write_text(dir / "b.json", training_recipe_to_json(recipe));
  const std::string tool = test::shell_quote((std::filesystem::path(INK_TOOLS_DIR) / "ink-train").string());
  const std::string env = "WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=" + std::to_string(free_port());
  const test::ToolRun mixed = test::run_shell("(RANK=0 " + env + " " + tool + " " + test::shell_quote((dir / "a.json").string()) + " --out " +
                                              test::shell_quote((dir / "a").string()) + " & RANK=1 " + env + " " + tool + " " +
                                              test::shell_quote((dir / "b.json").string()) + " --out " +
                                              test::shell_quote((dir / "b").string()) + "; wait)");
  CHECK_THAT(mixed.err, Contains("the ranks start from different steps or weights"));
  CHECK(!std::filesystem::exists(dir / "a" / "model.safetensors"));

  recipe.batch_size = 2;
  test::write_text(dir / "small.json", training_recipe_to_json(recipe));
  const test::ToolRun small = test::run_tool("ink-train", test::shell_quote((dir / "small.json").string()) + " --out " +
                                                              test::shell_quote((dir / "small").string()) + " --nproc 3");
  CHECK(small.exit_code == 1);
  CHECK_THAT(small.err, Contains("batch_size 2 is the global batch; it cannot be shared among 3 ranks"));
}
