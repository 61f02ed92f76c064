// One training run (docs/model.md, Training): AdamW with warm-up + cosine LR, gradient clipping,
// EMA, condition dropout and canvas augmentation, periodic held-out eval, and checkpoints
// every N steps and on request. A resumed run continues exactly: same batches, same noise,
// same weights as if it had never stopped. With a DataParallel group, each rank trains on its
// share of every global batch and the gradients are summed between ranks (docs/training-at-scale.md):
// N ranks end with the weights one process would. Rank 0 alone writes files. Includes torch.
#pragma once
#include <torch/torch.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "ink/dataset/training_data.h"
#include "ink/model/diffusion_model.h"
#include "ink/model/model_file.h"
#include "ink/model/noise_schedule.h"
#include "ink/model/unet.h"
#include "ink/training/data_parallel.h"
#include "ink/training/training_recipe.h"

namespace ink {

struct TrainingProgress {
  int64_t step = 0;  // steps done
  int64_t total = 0;
  double loss = 0;   // this step's
  double learning_rate = 0;
  double samples_per_second = 0;  // over all ranks
  double collective_seconds = 0;  // this step's time in all-reduces (data-parallel runs)
  std::optional<double> eval_loss;  // set on eval steps
  bool checkpointed = false;
  std::string note;  // once, if loss-curve.png cannot be drawn (training goes on without it)
};

class Trainer {
 public:
  // A fresh run writing into `out_dir` (created if missing).
  Trainer(TrainingRecipe recipe, std::filesystem::path out_dir);
  // Continues the run whose checkpoint is in `out_dir`.
  static Trainer resume(const std::filesystem::path& out_dir);

  const TrainingRecipe& recipe() const { return recipe_; }
  int64_t step() const { return step_; }
  UNet& model() { return model_; }
  UNet& ema() { return ema_; }
  std::filesystem::path checkpoint_file() const { return out_dir_ / "training.ckpt"; }
  std::filesystem::path model_file() const { return out_dir_ / "model.safetensors"; }
  // Training and held-out loss and the learning rate, redrawn at each eval and checkpoint.
  std::filesystem::path loss_curve_file() const { return out_dir_ / "loss-curve.png"; }

  void set_data(std::shared_ptr<const TrainingData> train, std::shared_ptr<const TrainingData> eval,
                std::vector<std::string> styles);
  // Trains as one rank of `group`. Checks that every rank starts from the same step and weights
  // (the same recipe and seed, or the same checkpoint) and that each gets at least one sample.
  void set_parallel(std::shared_ptr<DataParallel> group);
  // Moves the model, EMA and optimizer state to `device` (cpu, cuda:N); batches follow. Every
  // random draw stays on the CPU generator, so a run is the same on any device up to rounding.
  void set_device(torch::Device device);
  torch::Device device() const { return device_; }
  // Rank 0, or the only process: the one that writes checkpoints, logs and the model.
  bool writes_files() const { return !parallel_ || parallel_->rank() == 0; }

  enum class Outcome { finished, stopped };
  // Trains until recipe().steps or until `stop_requested` returns true (checked between steps;
  // a checkpoint is written before returning either way). A non-finite loss throws InkError
  // naming the step and the last good checkpoint, which is left as it was.
  Outcome run(const std::function<bool()>& stop_requested, const std::function<void(const TrainingProgress&)>& report);

  // The EMA model's denoising loss on the eval samples, with fixed noise and timesteps.
  double eval_loss();
  void save_checkpoint_now();
  void export_model();  // model.safetensors (EMA weights) + config.json (recipe, styles, classes)

 private:
  Trainer(TrainingRecipe recipe, std::filesystem::path out_dir, bool fresh);
  void start_from(const std::filesystem::path& model);  // recipe.init_from: copy its weights
  void load_teacher();                                   // recipe.distill_from
  torch::Tensor teach(const torch::Tensor& input, const torch::Tensor& timesteps, const UNetConditions& conditions);
  // The run's objective on a batch: denoising, or distillation from the teacher.
  torch::Tensor loss_on(UNet& unet, const DiffusionBatch& batch, torch::Generator* generator, const BatchShare& share);
  double train_step();
  BatchShare share_of(int64_t total) const;
  bool any_rank(bool vote);
  std::string last_checkpoint() const;
  std::string draw_loss_curve();  // "" or why it could not be drawn

  TrainingRecipe recipe_;
  std::filesystem::path out_dir_;
  std::shared_ptr<const NoiseSchedule> schedule_;
  UNet model_{nullptr}, ema_{nullptr};
  // Distillation runs only (recipe.distill_from): the teacher as the writers open it, retuned
  // styles and all, and the timesteps it writes at.
  std::shared_ptr<DiffusionModel> teacher_;
  std::vector<int64_t> teacher_timesteps_;
  std::unique_ptr<torch::optim::AdamW> optimizer_;
  int64_t step_ = 0;
  std::shared_ptr<const TrainingData> train_, eval_;
  std::vector<std::string> styles_;
  std::shared_ptr<DataParallel> parallel_;
  bool loss_curve_failed_ = false;
  torch::Device device_ = torch::kCPU;
};

}  // namespace ink
