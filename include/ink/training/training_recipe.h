// A training recipe: everything one ink-train run needs (model, schedule, data, optimiser,
// schedule of checkpoints and evals), read from JSON and validated with messages that name the
// key. No torch here. The recipe is stored in every checkpoint, so --resume needs nothing else.
#pragma once
#include <filesystem>
#include <string>

#include "ink/dataset/dataset.h"
#include "ink/model/schedule_config.h"
#include "ink/model/unet_config.h"

namespace ink {

struct TrainingRecipe {
  UNetConfig model;
  NoiseScheduleConfig schedule;  // its prediction_type is always the model's
  // Training data: a character selection (select_chars: "seen", "all", literal characters)
  // built into a dataset at `data_size` px, or an existing dataset directory.
  std::string data_chars = "seen";
  // Fonts ("A,B,C") whose glyphs are the whole-glyph targets instead of the stroke data's
  // outlines, one style each (class mode's images rendered from fonts).
  std::string data_fonts;
  // Where the fonts' stroke steps sit ("data_placement": "settled" or "in-place"; dataset.h).
  StrokePlacement data_placement = StrokePlacement::settled;
  std::filesystem::path data_dir;  // when set, used as is instead of data_chars (relative: to the project root)
  // When set, a fresh run starts from this model's weights (a model file or directory; relative:
  // to the project root), e.g. to add styles to a trained model. Its config must match `model`.
  std::filesystem::path init_from;
  // When set, the run distils this model (the teacher; a model file or directory, relative: to
  // the project root) into a one-step student (training/distillation_loss.h) instead of learning
  // the data: the student learns what the teacher writes in `teacher_steps` steps placed as the
  // writers place them below `teacher_refine_from` (sampler.h, refining_timesteps). The data
  // gives the conditions only. Start the student from the teacher with init_from.
  std::filesystem::path distill_from;
  int teacher_steps = 3;
  int teacher_refine_from = 75;
  // Periodic held-out eval: the denoising loss at fixed noise on `eval_samples` samples.
  std::string eval_chars = "heldout";
  int eval_samples = 256;
  int eval_every = 500;

  int batch_size = 32;
  int steps = 10000;
  double learning_rate = 1e-3;
  double min_learning_rate = 1e-5;  // where the cosine ends
  int warmup_steps = 200;
  double weight_decay = 0.01;
  double grad_clip = 1.0;      // max global gradient norm
  double ema_decay = 0.999;
  double condition_dropout = 0.1;    // classifier-free guidance: all conditions dropped together
  double canvas_augmentation = 0.3;  // stroke mode: share of samples whose canvas is perturbed
  // How batches share out the styles: 0 draws every sample alike, so a style is seen as often as
  // the dataset has it; 1 draws every style alike, so a font that covers few characters (the brush
  // ones) is not starved; between, a style's share goes as its sample count^(1 - style_balance).
  double style_balance = 0;
  int checkpoint_every = 250;
  uint64_t seed = 0;
  int threads = 0;  // 0: one per core
  // "no", or "bf16": the forward pass under autocast in bfloat16 (weights, gradients and the
  // optimizer stay float32), as diffusers' mixed_precision. The held-out eval stays float32.
  std::string mixed_precision = "no";

  void validate() const;  // throws InkError naming the key and value
};

TrainingRecipe training_recipe_from_json(const std::string& json_text, const std::string& where);
std::string training_recipe_to_json(const TrainingRecipe& recipe);
TrainingRecipe load_training_recipe(const std::filesystem::path& file);

// Linear warm-up to learning_rate, then a cosine down to min_learning_rate at `steps`.
double learning_rate_at(const TrainingRecipe& recipe, int64_t step);

}  // namespace ink
