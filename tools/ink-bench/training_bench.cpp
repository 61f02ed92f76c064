// Training section: samples/s of real ink-train runs of the default stroke recipe's model (its
// batch, a small dataset), in one process and data-parallel over 1 and 2 local ranks, and the
// all-reduce time per step, and with the forward pass in bf16; side by side in one run, since the
// machine's speed drifts.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bench.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/paths.h"
#include "ink/training/training_recipe.h"

namespace ink::bench {
namespace {

constexpr int kSteps = 12;
constexpr int kWarmup = 2;  // first steps allocate and let oneDNN choose kernels

std::filesystem::path tool_dir() { return std::filesystem::read_symlink("/proc/self/exe").parent_path(); }

struct RunFigures {
  double samples_per_s = 0, allreduce_ms = 0;
};

// Trains kSteps steps with `launch` ("" for one process, "--nproc N") and reads the log.
RunFigures run_training(const std::filesystem::path& recipe_file, const std::filesystem::path& out, const std::string& launch) {
  std::filesystem::remove_all(out);
  const std::string command = "'" + (tool_dir() / "ink-train").string() + "' '" + recipe_file.string() + "' --out '" + out.string() +
                              "' " + launch + " > '" + out.string() + ".log' 2>&1";
  if (std::system(command.c_str()) != 0)
    throw InkError("ink-train " + launch + " failed; see " + out.string() + ".log");
  std::ifstream log(out / "train-log.jsonl");
  std::vector<double> rates, reduces;
  std::string line;
  while (std::getline(log, line)) {
    const nlohmann::json step = nlohmann::json::parse(line);
    if (step.value("step", 0) <= kWarmup) continue;
    rates.push_back(step.value("samples_per_s", 0.0));
    reduces.push_back(step.value("allreduce_ms", 0.0));
  }
  RunFigures figures;
  figures.samples_per_s = summarize(rates).median;
  figures.allreduce_ms = summarize(reduces).median;
  return figures;
}

}  // namespace

nlohmann::json training_section() {
  TrainingRecipe recipe = load_training_recipe(default_model_dir() / "stroke" / "recipe.json");
  recipe.init_from.clear();
  recipe.data_chars = "seen:200";
  recipe.data_fonts.clear();
  recipe.eval_every = 0;
  recipe.steps = kSteps;
  recipe.warmup_steps = kWarmup;
  recipe.checkpoint_every = kSteps;
  recipe.threads = 0;
  const long cores = sysconf(_SC_NPROCESSORS_ONLN);
  std::printf("== training (the default stroke recipe's model, batch %d, %d steps, %ld cores) ==\n", recipe.batch_size,
              kSteps, cores);
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("ink-bench-training-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path recipe_file = dir / "recipe.json";
  write_file_atomic(recipe_file, training_recipe_to_json(recipe));

  nlohmann::json out;
  out["batch"] = recipe.batch_size;
  RunFigures single;
  for (const auto& [name, launch] : std::vector<std::pair<std::string, std::string>>{
           {"one_process", ""},
           {"one_process_bf16", "--mixed-precision bf16"},
           {"ranks_1", "--nproc 1"},
           {"ranks_2", "--nproc 2"}}) {
    const RunFigures figures = run_training(recipe_file, dir / name, launch);
    if (name == "one_process") single = figures;
    out[name] = {{"samples_per_s", figures.samples_per_s}, {"allreduce_ms_per_step", figures.allreduce_ms},
                 {"speedup", figures.samples_per_s / std::max(1e-9, single.samples_per_s)}};
    std::printf("training, %-16s           %8.1f samples/s (x%.2f), all-reduce %.2f ms/step\n", name.c_str(),
                figures.samples_per_s, figures.samples_per_s / std::max(1e-9, single.samples_per_s), figures.allreduce_ms);
    std::fflush(stdout);
  }
  std::filesystem::remove_all(dir);
  return out;
}

}  // namespace ink::bench
