// ink-train RECIPE.json [--out DIR] | --resume DIR | --export DIR — train a model (docs/model.md,
// Training), or write the model from a run's latest checkpoint (or from an old model.pt);
// ink-train --style-images DIR --name NAME [--model DIR] learns a new hand from a few images.
// Ctrl-C saves a checkpoint and exits; --resume continues exactly where it stopped. --nproc N, or
// torchrun's variables, train data-parallel over several processes (docs/training-at-scale.md).
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "ink/base/error.h"
#include "ink/base/memory_reuse.h"
#include "ink/base/progress.h"
#include "ink/model/model_file.h"
#include "ink/model/torch_runtime.h"
#include "ink/render/loss_curve.h"
#include "ink/training/trainer.h"
#include "learn_style.h"
#include "train_detail.h"
#include "train_structure.h"
#include "local_ranks.h"
#include "training_datasets.h"

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_interrupt(int) { g_stop = true; }

std::string detail_of(const ink::TrainingProgress& p, double eval) {
  char text[160];
  std::snprintf(text, sizeof text, "loss %.4f  lr %.2e  %.0f samples/s%s", p.loss, p.learning_rate, p.samples_per_second,
                eval > 0 ? ("  eval " + std::to_string(eval).substr(0, 6)).c_str() : "");
  return text;
}

constexpr const char* kUsage = R"(usage: ink-train RECIPE.json [--out DIR] [--threads N] [--data PATH] [--nproc N] [--device D]
                 [--mixed-precision no|bf16]
       ink-train --resume DIR [--nproc N] | --export DIR | --loss-curve DIR
       ink-train --style-images DIR --name NAME [--model DIR] [--steps 500] [OPTIONS]
       ink-train --detail [--model DIR] [--chars 400] [--steps 6000] [--out DIR]
       ink-train --structure --fonts NAME=FAMILY,... [--kept-back NAME=FAMILY,...] [--save] [--model DIR]
Trains a model from a recipe (assets/models/default/*/recipe.json are examples), building the
datasets it needs under build/datasets/. Checkpoints are written every few hundred steps and on
Ctrl-C; --resume DIR continues exactly where a run stopped; --export DIR writes the model
(model.safetensors + config.json) from its latest checkpoint, or converts DIR's old model.pt.
Each run keeps DIR/loss-curve.png (training and held-out loss, learning rate), redrawn at each
eval and checkpoint; --loss-curve DIR draws it again from DIR/train-log.jsonl.
--nproc N trains on N local processes, data-parallel: each takes its share of every batch (the
recipe's batch_size is the global batch) and gradients are summed between them over Gloo.
Processes started by hand or by a scheduler join one run from RANK, WORLD_SIZE, LOCAL_RANK,
LOCAL_WORLD_SIZE, MASTER_ADDR and MASTER_PORT, as torchrun sets them; --timeout S (300) is how
long a rank waits for the others before the run stops with an error. --device cpu (default),
cuda or cuda:N trains on a GPU (cuda: one per local rank); --mixed-precision bf16 runs the forward
pass in bfloat16 (a fresh run's recipe keeps it, so --resume continues alike).
With --style-images, learns a new hand from a few images named after their character
(春_1.png, 满.jpg): each is split into the data's strokes, then a new style row and the hand's
own group norms are trained with the model frozen, its layout (aspect, slant, stroke tilts) is
measured from the splits, and both are saved as styles/NAME.style.json beside the model.
  --adapter norms|none   train the norms with the row (default) or the row alone
  --start-from STYLE     start the row from this trained style (default: the closest one)
  --retune               NAME is a trained style: retune its brush from its font's images instead
  --framed               each image is exactly the square its character was written in (cut
                         from a practice grid): the hand's size and place are learnt too, and
                         its brush from its strokes where it drew them (with --retune, the
                         brush alone, in place)
  --grid                 each image shows the practice-grid square its character was written in,
                         printed in a colour (red, green): the square is found, the image cut to
                         it and its lines taken out, then learnt as --framed; an image named
                         after several characters (春满干坤.jpg) is a page of them, in rows
                         from the top, each from the left, and its written squares are cut out
  --layout-only          NAME is a learnt hand: measure its layout again, keep its brush
  --seed N, --threads N
With --detail, the stroke model writes --chars seen characters and the detail stage (a small
net that draws each 64 px stroke at 256 px) learns from its strokes and the data's outlines;
saved as MODEL/detail/ (or --out DIR), every 1000 steps and on Ctrl-C.
With --structure, the structure model (where a hand puts each stroke of a character, beyond its
layout) learns from the fonts' splits of --train-chars (seen:2000), one style a font; each
--kept-back font gets a row from --fit-chars (seen:80) with the model frozen; every font is then
measured in place on --chars (200) held-out characters: typical layout, the model, and each
character's own fit. --save keeps the rows of the model's styles that placed seen characters
they were not trained on better than their layout, as MODEL/stroke/structure.safetensors; learnt
hands then learn a row of it too. --steps (10000), --seed, --threads, --json FILE.
)";

// argv without --nproc and its value: what each local rank runs.
std::vector<char*> without_nproc(int argc, char** argv) {
  std::vector<char*> kept;
  for (int i = 0; i < argc; ++i) {
    if (std::string(argv[i]) == "--nproc") {
      ++i;
      continue;
    }
    kept.push_back(argv[i]);
  }
  kept.push_back(nullptr);
  return kept;
}

// A fresh run's recipe, with --mixed-precision when given.
ink::TrainingRecipe fresh_recipe(const std::filesystem::path& file, const std::optional<std::string>& mixed_precision) {
  ink::TrainingRecipe recipe = ink::load_training_recipe(file);
  if (mixed_precision) {
    recipe.mixed_precision = *mixed_precision;
    recipe.validate();
  }
  return recipe;
}

// The directory of a fresh run, refused when it already holds one.
std::filesystem::path fresh_run_dir(const std::filesystem::path& recipe_file, const std::optional<std::string>& out) {
  const std::filesystem::path out_dir = out ? std::filesystem::path(*out) : recipe_file.parent_path();
  if (std::filesystem::exists(out_dir / "training.ckpt"))
    throw ink::InkError(out_dir.string() + " already has a training.ckpt: continue it with --resume " + out_dir.string() +
                        ", or choose another --out");
  return out_dir;
}

}  // namespace

int main(int argc, char** argv) {
  if (ink::cli::asked_for_help(argc, argv, kUsage)) return 0;
  ink::keep_freed_memory();
  return ink::cli::run_tool("ink-train", [&] {
    using namespace ink;
    cli::Args args(argc, argv, 1);
    if (const auto images = args.value("style-images")) return train_tool::learn_style(args, *images);
    if (args.flag("detail")) return train_tool::train_detail(args);
    if (args.flag("structure")) return train_tool::train_structure(args);
    if (const auto run = args.value("loss-curve")) {
      args.finish();
      const std::filesystem::path file = std::filesystem::path(*run) / "loss-curve.png";
      write_png(render_loss_curve(read_train_log(std::filesystem::path(*run) / "train-log.jsonl")), file);
      std::printf("wrote %s\n", file.c_str());
      return 0;
    }
    const auto resume_dir = args.value("resume");
    const auto export_dir = args.value("export");
    const auto out = args.value("out");
    const auto data = args.value("data");
    const int threads_option = args.int_value("threads", -1, 0, 256);
    const int nproc = args.int_value("nproc", 0, 1, 256);
    const int timeout_seconds = args.int_value("timeout", 300, 1, 86400);
    const std::string device_text = args.value_or("device", "cpu");
    const auto mixed_precision = args.value("mixed-precision");
    if (nproc > 0) {
      // Checked once here rather than once per rank.
      if (export_dir) throw InkError("--nproc: --export runs in one process");
      parse_device(device_text);
      if (resume_dir) {
        if (!std::filesystem::exists(std::filesystem::path(*resume_dir) / "training.ckpt"))
          throw InkError(*resume_dir + ": no training.ckpt to resume from");
      } else {
        const std::filesystem::path recipe_file = args.positional("RECIPE.json (or --resume DIR)");
        fresh_recipe(recipe_file, mixed_precision);
        fresh_run_dir(recipe_file, out);
      }
      args.finish();
      std::vector<char*> rank_argv = without_nproc(argc, argv);
      return train_tool::run_local_ranks(rank_argv.data(), nproc);
    }
    const std::optional<World> world = world_from_environment();
    const bool speaks = !world || world->rank == 0;  // one progress bar, one set of messages
    std::optional<Trainer> trainer;
    if (export_dir) {
      args.finish();
      const std::filesystem::path archive = std::filesystem::path(*export_dir) / "model.pt";
      if (!std::filesystem::exists(std::filesystem::path(*export_dir) / "training.ckpt") && std::filesystem::exists(archive)) {
        std::printf("converted %s to %s and config.json\n", archive.c_str(), convert_model_archive(archive).c_str());
        return 0;
      }
      // The EMA weights of a run's latest checkpoint, without training further.
      trainer.emplace(Trainer::resume(*export_dir));
      const train_tool::Datasets sets = train_tool::prepare_datasets(trainer->recipe(), data);
      std::shared_ptr<TrainingData> classes;
      if (trainer->recipe().model.mode == ConditioningMode::class_label)
        classes = std::make_shared<TrainingData>(sets.train_dir, trainer->recipe().model);
      trainer->set_data(classes, nullptr, sets.styles);
      trainer->export_model();
      std::printf("exported step %lld to %s\n", static_cast<long long>(trainer->step()), trainer->model_file().c_str());
      return 0;
    }
    if (resume_dir) {
      args.finish();
      if (mixed_precision) throw InkError("--mixed-precision: a resumed run keeps its recipe's (it is in the checkpoint)");
      trainer.emplace(Trainer::resume(*resume_dir));
      if (speaks)
        std::printf("resuming %s at step %lld of %d\n", resume_dir->c_str(), static_cast<long long>(trainer->step()),
                    trainer->recipe().steps);
    } else {
      const std::filesystem::path recipe_file = args.positional("RECIPE.json (or --resume DIR)");
      args.finish();
      TrainingRecipe recipe = fresh_recipe(recipe_file, mixed_precision);
      const std::filesystem::path out_dir = fresh_run_dir(recipe_file, out);
      trainer.emplace(std::move(recipe), out_dir);
    }
    const TrainingRecipe& recipe = trainer->recipe();
    // Local ranks share the cores.
    int threads = threads_option >= 0 ? threads_option : recipe.threads;
    if (world && threads == 0)
      threads = std::max(1, static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN)) / world->local_size);
    threads = configure_torch_threads(threads);
    trainer->set_device(parse_device(device_text, world ? world->local_rank : 0));

    std::shared_ptr<DataParallel> group;
    if (world) group = std::make_shared<DataParallel>(*world, std::chrono::seconds(timeout_seconds));
    // One rank per machine builds the datasets; the others wait for it, then find them built.
    char host[256] = "";
    ::gethostname(host, sizeof host - 1);
    const std::string built = std::string("datasets-built-") + host;
    if (group && world->local_rank != 0) group->wait_done(built, std::chrono::hours(2));
    const train_tool::Datasets sets = train_tool::prepare_datasets(recipe, data);
    if (group && world->local_rank == 0) group->mark_done(built);
    auto train = std::make_shared<TrainingData>(sets.train_dir, recipe.model);
    std::shared_ptr<TrainingData> eval;
    if (!sets.eval_dir.empty()) eval = std::make_shared<TrainingData>(sets.eval_dir, recipe.model);
    trainer->set_data(train, eval, sets.styles);
    trainer->set_parallel(group);
    if (speaks) {
      std::printf("%s mode, %.2f M parameters, %lld training samples%s, batch %d%s, %s%s, %d threads%s\n",
                  to_string(recipe.model.mode).c_str(), trainer->model()->parameter_count() / 1e6,
                  static_cast<long long>(train->size()),
                  eval ? (", " + std::to_string(eval->size()) + " eval samples").c_str() : "", recipe.batch_size,
                  world ? (" over " + std::to_string(world->size) + " ranks").c_str() : "", trainer->device().str().c_str(),
                  recipe.mixed_precision == "bf16" ? " in bf16" : "", threads, world ? " each" : "");
      std::fflush(stdout);
    }

    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    std::optional<ProgressBar> bar;
    if (speaks) bar.emplace("training", static_cast<size_t>(recipe.steps), static_cast<size_t>(trainer->step()));
    double last_eval = -1;
    const Trainer::Outcome outcome = trainer->run([] { return g_stop.load(); },
                                                  [&](const TrainingProgress& p) {
                                                    if (p.eval_loss) last_eval = *p.eval_loss;
                                                    if (!bar) return;
                                                    if (!p.note.empty()) bar->note(p.note);
                                                    bar->update(static_cast<size_t>(p.step), detail_of(p, last_eval));
                                                  });
    if (outcome == Trainer::Outcome::stopped) {
      if (!bar) return 130;
      bar->stop(static_cast<size_t>(trainer->step()), "interrupted");
      std::fprintf(stderr, "ink-train: interrupted at step %lld; checkpoint saved to %s; continue with: ink-train --resume %s\n",
                   static_cast<long long>(trainer->step()), trainer->checkpoint_file().c_str(),
                   trainer->checkpoint_file().parent_path().c_str());
      return 130;
    }
    if (!bar) return 0;
    bar->finish();
    std::printf("done: %lld steps; model written to %s\n", static_cast<long long>(trainer->step()), trainer->model_file().c_str());
    return 0;
  });
}
