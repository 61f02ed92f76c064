// ink-train --detail [--model DIR] [--chars N] [--steps N]: the stroke model writes N seen
// characters, and the detail stage learns to draw its strokes at 256 px as the data's outlines
// are drawn; saved as MODEL/detail/ (config.json, model.safetensors).
#include "train_detail.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>

#include "ink/base/paths.h"
#include "ink/base/progress.h"
#include "ink/data/char_sets.h"
#include "ink/model/torch_runtime.h"
#include "ink/training/detail_training.h"

namespace ink::train_tool {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_detail_interrupt(int) { g_stop = true; }

// `count` characters spread evenly over `chars`, from `offset` on.
std::vector<char32_t> spread(const std::vector<char32_t>& chars, size_t count, size_t offset) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < count && !chars.empty(); ++i) out.push_back(chars[(i * chars.size() / count + offset) % chars.size()]);
  return out;
}

}  // namespace

int train_detail(cli::Args& args) {
  const std::filesystem::path model_dir = args.value_or("model", default_model_dir().string());
  const std::filesystem::path out = args.value_or("out", (model_dir / "detail").string());
  const int characters = args.int_value("chars", 400, 1, 9000);
  DetailTrainingOptions options;
  options.steps = args.int_value("steps", options.steps, 1, 1000000);
  options.seed = static_cast<uint64_t>(args.int_value("seed", 0, 0, 1 << 30));
  const int threads = args.int_value("threads", 0, 0, 256);
  const StrokeLibrary library = cli::open_library(args);
  args.finish();
  configure_torch_threads(threads);
  const auto model = open_model(model_dir, ConditioningMode::stroke);
  // Trained on seen characters; checked on 40 held-out ones, which it never sees.
  const std::vector<char32_t> training = spread(select_chars(library, "seen", heldout_list_path()), characters, 7);
  const std::vector<char32_t> checking = spread(select_chars(library, "heldout", heldout_list_path()), 40, 0);
  std::printf("detail stage: the stroke model writes %zu characters (and %zu held-out ones to check), then %d steps at %d px\n",
              training.size(), checking.size(), options.steps, options.config.size);
  std::fflush(stdout);

  std::signal(SIGINT, on_detail_interrupt);
  std::signal(SIGTERM, on_detail_interrupt);
  std::unique_ptr<ProgressBar> bar;
  std::string phase;
  const DetailTrainingReport report = train_detail_stage(
      model, library, training, checking, options, out,
      [&](const char* now, size_t done, size_t total, double loss) {
        if (phase != now) {
          if (bar) bar->finish();
          phase = now;
          bar = std::make_unique<ProgressBar>(phase == "write" ? "writing" : "training", total);
        }
        char detail[32] = "";
        if (phase == "train") std::snprintf(detail, sizeof detail, "loss %.4f", loss);
        bar->update(done, detail);
      },
      &g_stop);
  if (bar) g_stop ? bar->stop(0, "interrupted; the net so far is saved") : bar->finish();
  std::printf("detail stage: %zu strokes; held-out IoU at %d px %.4f, crisp edge alone %.4f: %s\n", report.training_strokes,
              options.config.size, report.detail_iou, report.crisp_iou, out.c_str());
  return g_stop ? 130 : 0;
}

}  // namespace ink::train_tool
