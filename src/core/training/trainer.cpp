// The training loop. Every random draw (batch indices, timesteps, noise, dropout, augmentation)
// comes from torch's default CPU generator, whose state is in every checkpoint: that is what
// makes --resume exact.
#include "ink/training/trainer.h"

#include <ATen/autocast_mode.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cmath>
#include <fstream>

#include "ink/base/error.h"
#include "ink/base/paths.h"
#include "ink/render/loss_curve.h"
#include "ink/sampling/sampler.h"
#include "ink/training/checkpoint.h"
#include "ink/training/distillation_loss.h"
#include "ink/training/training_augment.h"
#include "model/diffusion_model_impl.h"

namespace ink {
namespace {

// Refuses a recipe whose model cannot be trained in this machine's memory, before torch tries to
// allocate it. Weights, gradients, AdamW's two moments and the EMA copy are five floats per
// parameter; the activations kept for the backward pass are about 40 floats per feature-map value.
void check_memory(const TrainingRecipe& recipe) {
  const UNetConfig& config = recipe.model;
  const double parameters = static_cast<double>(config.parameter_count());
  double feature_values = 0;
  for (size_t i = 0; i < config.block_out_channels.size(); ++i) {
    const double side = static_cast<double>(config.sample_size) / (1 << i);
    feature_values += side * side * config.block_out_channels[i];
  }
  const double needed = 4.0 * (5 * parameters + 40 * feature_values * recipe.batch_size);
  const double available = static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE));
  if (needed <= available) return;
  const bool billions = parameters >= 1e9;
  char line[256];
  std::snprintf(line, sizeof line,
                "a UNet of %.1f %s parameters (block_out_channels, sample_size) needs about %.0f GB to train at batch %d; "
                "this machine has %.0f GB",
                parameters / (billions ? 1e9 : 1e6), billions ? "billion" : "million", needed / 1e9, recipe.batch_size,
                available / 1e9);
  throw InkError(std::string("recipe: ") + line);
}

// The forward pass in bfloat16 where the recipe asks for it (autocast chooses the ops: matmuls
// and convolutions in bf16, norms and the loss in float32); off again when it goes.
class Autocast {
 public:
  Autocast(const std::string& mixed_precision, torch::Device device) : on_(mixed_precision == "bf16"), cuda_(device.is_cuda()) {
    if (!on_) return;
    if (cuda_) {
      at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
      at::autocast::set_enabled(true);
    } else {
      at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
      at::autocast::set_cpu_enabled(true);
    }
    at::autocast::increment_nesting();
  }
  ~Autocast() {
    if (!on_) return;
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
    if (cuda_) at::autocast::set_enabled(false);
    else at::autocast::set_cpu_enabled(false);
  }
  Autocast(const Autocast&) = delete;
  Autocast& operator=(const Autocast&) = delete;

 private:
  bool on_, cuda_;
};

DiffusionBatch to_device(DiffusionBatch batch, torch::Device device) {
  if (device.is_cpu()) return batch;
  auto move = [&](torch::Tensor& t) {
    if (t.defined()) t = t.to(device);
  };
  move(batch.target);
  move(batch.spatial);
  move(batch.conditions.label);
  move(batch.conditions.style);
  move(batch.conditions.strokes);
  move(batch.conditions.step);
  return batch;
}

}  // namespace

Trainer::Trainer(TrainingRecipe recipe, std::filesystem::path out_dir) : Trainer(std::move(recipe), std::move(out_dir), true) {}

Trainer::Trainer(TrainingRecipe recipe, std::filesystem::path out_dir, bool fresh)
    : recipe_(std::move(recipe)), out_dir_(std::move(out_dir)) {
  recipe_.validate();
  check_memory(recipe_);
  if (fresh) torch::manual_seed(recipe_.seed);
  schedule_ = std::make_shared<NoiseSchedule>(recipe_.schedule);
  model_ = UNet(recipe_.model);
  ema_ = UNet(recipe_.model);
  if (fresh && !recipe_.init_from.empty()) start_from(recipe_.init_from);
  if (!recipe_.distill_from.empty()) load_teacher();
  {
    torch::NoGradGuard no_grad;
    const auto from = model_->parameters();
    const auto to = ema_->parameters();
    for (size_t i = 0; i < to.size(); ++i) to[i].copy_(from[i]);
  }
  ema_->eval();
  optimizer_ = std::make_unique<torch::optim::AdamW>(
      model_->parameters(), torch::optim::AdamWOptions(recipe_.learning_rate).weight_decay(recipe_.weight_decay));
  // Only now, so a run refused above leaves no empty directory behind.
  std::error_code error;
  std::filesystem::create_directories(out_dir_, error);
  if (error) throw InkError("cannot create '" + out_dir_.string() + "': " + error.message());
}

void Trainer::start_from(const std::filesystem::path& path) {
  const std::filesystem::path resolved = path.is_absolute() ? path : project_root() / path;
  const LoadedModel base = load_model(resolved, recipe_.model.mode);
  const std::string differences = config_differences(base.info.recipe.model, recipe_.model);
  if (!differences.empty())
    throw InkError("init_from '" + resolved.string() + "': its model config differs from the recipe's (" + differences + ")");
  torch::NoGradGuard no_grad;
  const auto from = base.unet->named_parameters();
  for (auto& param : model_->named_parameters()) param.value().copy_(from[param.key()]);
  const auto from_buffers = base.unet->named_buffers();
  for (auto& buffer : model_->named_buffers()) buffer.value().copy_(from_buffers[buffer.key()]);
}

void Trainer::load_teacher() {
  const std::filesystem::path& path = recipe_.distill_from;
  const std::filesystem::path resolved = path.is_absolute() ? path : project_root() / path;
  teacher_ = open_model(resolved, recipe_.model.mode);
  const std::string differences = config_differences(teacher_->loaded.info.recipe.model, recipe_.model);
  if (!differences.empty())
    throw InkError("distill_from '" + resolved.string() + "': its model config differs from the recipe's (" + differences + ")");
  teacher_timesteps_ = refining_timesteps(recipe_.schedule.num_train_timesteps, recipe_.teacher_steps, recipe_.teacher_refine_from);
  // The student's trained styles start where the teacher writes them: a retuned style's row.
  torch::NoGradGuard no_grad;
  torch::Tensor& rows = model_->style_table();
  const torch::Tensor& taught = teacher_->loaded.unet->style_table();
  const int64_t shared = std::min(rows.size(0), taught.size(0));  // the teacher's learnt hands are not the student's
  rows.narrow(0, 0, shared).copy_(taught.narrow(0, 0, shared));
}

torch::Tensor Trainer::teach(const torch::Tensor& input, const torch::Tensor& timesteps, const UNetConditions& conditions) {
  // A retuned style writes through its own adapted UNet: each style's rows go to theirs.
  std::lock_guard<std::mutex> lock(teacher_->mutex);
  if (!conditions.style.defined()) return teacher_->loaded.unet->forward(input, timesteps, conditions);
  const torch::Tensor styles = conditions.style.cpu();
  torch::Tensor out;
  const torch::Tensor distinct = std::get<0>(at::_unique(styles)).contiguous();
  for (int64_t i = 0; i < distinct.numel(); ++i) {
    const int64_t style = distinct[i].item<int64_t>();
    const torch::Tensor rows = (styles == style).nonzero().squeeze(1).to(input.device());
    auto pick = [&](const torch::Tensor& v) { return v.defined() ? v.index_select(0, rows) : v; };
    UNetConditions picked{pick(conditions.style), pick(conditions.step), pick(conditions.strokes), pick(conditions.label)};
    UNet& unet = teacher_->unet_for(style);
    if (unet->parameters().front().device() != input.device()) unet->to(input.device());  // a copy made on the CPU
    const torch::Tensor part = unet->forward(input.index_select(0, rows), timesteps.index_select(0, rows), picked);
    if (!out.defined()) out = torch::empty({input.size(0), part.size(1), part.size(2), part.size(3)}, part.options());
    out.index_copy_(0, rows, part);
  }
  return out;
}

torch::Tensor Trainer::loss_on(UNet& unet, const DiffusionBatch& batch, torch::Generator* generator, const BatchShare& share) {
  if (!teacher_) return diffusion_loss(unet, *schedule_, batch, generator, share);
  const BatchDenoiser teacher = [this](const torch::Tensor& x, const torch::Tensor& t, const UNetConditions& c) { return teach(x, t, c); };
  return distillation_loss(unet, teacher, schedule_, batch, teacher_timesteps_, generator, share);
}

Trainer Trainer::resume(const std::filesystem::path& out_dir) {
  const std::filesystem::path file = out_dir / "training.ckpt";
  if (!std::filesystem::exists(file)) throw InkError(out_dir.string() + ": no training.ckpt to resume from");
  const TrainingCheckpoint meta = read_checkpoint_meta(file);
  Trainer trainer(training_recipe_from_json(meta.recipe_json, file.string() + " (recipe)"), out_dir, false);
  const TrainingCheckpoint loaded = load_checkpoint(file, trainer.model_, trainer.ema_, trainer.optimizer_.get());
  trainer.step_ = loaded.step;
  if (loaded.rng_state.numel() > 0) restore_cpu_rng_state(loaded.rng_state);
  return trainer;
}

void Trainer::set_device(torch::Device device) {
  device_ = device;
  model_->to(device);
  ema_->to(device);
  if (teacher_) teacher_->loaded.unet->to(device);  // adapted copies follow when they first write
  // AdamW's moments (present once a step was taken, or loaded from a checkpoint) follow.
  for (auto& [key, state] : optimizer_->state()) {
    auto& adam = static_cast<torch::optim::AdamWParamState&>(*state);
    adam.exp_avg(adam.exp_avg().to(device));
    adam.exp_avg_sq(adam.exp_avg_sq().to(device));
    if (adam.max_exp_avg_sq().defined()) adam.max_exp_avg_sq(adam.max_exp_avg_sq().to(device));
  }
}

void Trainer::set_parallel(std::shared_ptr<DataParallel> group) {
  parallel_ = std::move(group);
  if (!parallel_) return;
  if (recipe_.batch_size < parallel_->size())
    throw InkError("recipe: batch_size " + std::to_string(recipe_.batch_size) + " is the global batch; it cannot be shared among " +
                   std::to_string(parallel_->size()) + " ranks");
  // Step and a checksum of the weights, compared through one all-reduce: sums of equal values.
  double checksum = 0;
  {
    torch::NoGradGuard no_grad;
    for (const auto& parameter : model_->parameters()) checksum += parameter.to(torch::kFloat64).abs().sum().item<double>();
  }
  torch::Tensor mine = torch::tensor({static_cast<double>(step_), checksum}, torch::kFloat64);
  torch::Tensor all = mine.clone();
  parallel_->sum(all);
  const double n = parallel_->size();
  if (all[0].item<double>() != n * static_cast<double>(step_) ||
      std::abs(all[1].item<double>() - n * checksum) > 1e-9 * n * std::max(1.0, checksum))
    throw InkError("rank " + std::to_string(parallel_->rank()) +
                   ": the ranks start from different steps or weights (every rank needs the same recipe, or the same "
                   "checkpoint to resume)");
}

BatchShare Trainer::share_of(int64_t total) const {
  return parallel_ ? BatchShare::of_rank(total, parallel_->rank(), parallel_->size()) : BatchShare::whole(total);
}

bool Trainer::any_rank(bool vote) {
  if (!parallel_) return vote;
  torch::Tensor votes = torch::tensor({vote ? 1.0f : 0.0f});
  parallel_->sum(votes);
  return votes.item<float>() > 0;
}

std::string Trainer::last_checkpoint() const {
  return std::filesystem::exists(checkpoint_file())
             ? checkpoint_file().string() + " (step " + std::to_string(read_checkpoint_meta(checkpoint_file()).step) + ")"
             : "none written yet";
}

void Trainer::set_data(std::shared_ptr<const TrainingData> train, std::shared_ptr<const TrainingData> eval,
                       std::vector<std::string> styles) {
  train_ = std::move(train);
  eval_ = std::move(eval);
  styles_ = std::move(styles);
}

double Trainer::train_step() {
  // The global batch is drawn alike on every rank; each keeps its rows (BatchShare).
  const BatchShare share = share_of(recipe_.batch_size);
  DiffusionBatch batch = train_->batch(share.rows(train_->draw(recipe_.batch_size, recipe_.style_balance)));
  if (recipe_.model.mode == ConditioningMode::stroke) augment_canvas(batch, recipe_.canvas_augmentation, share);
  drop_conditions(batch, *model_, recipe_.condition_dropout, share);
  batch = to_device(std::move(batch), device_);

  const double lr = learning_rate_at(recipe_, step_);
  for (auto& group : optimizer_->param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
  optimizer_->zero_grad();
  torch::Tensor loss;
  {
    const Autocast autocast(recipe_.mixed_precision, device_);
    loss = loss_on(model_, batch, nullptr, share);
  }
  // Each rank's mean weighted by its share of the batch: the sum over ranks is the global mean.
  if (parallel_) loss = loss * share.weight();
  double value = loss.item<double>();
  if (std::isfinite(value) || parallel_) loss.backward();
  if (parallel_) {
    torch::Tensor total = torch::tensor({static_cast<float>(value)});
    parallel_->sum_gradients(model_->parameters(), total);
    value = total.item<double>();
  }
  if (!std::isfinite(value))
    throw InkError("step " + std::to_string(step_ + 1) + ": the loss is " + std::to_string(value) +
                   "; training stopped. Last good checkpoint: " + last_checkpoint());
  torch::nn::utils::clip_grad_norm_(model_->parameters(), recipe_.grad_clip);
  optimizer_->step();
  // EMA warm-up (as diffusers' EMAModel): early on the average follows the weights closely.
  const double decay = std::min(recipe_.ema_decay, (1.0 + step_) / (10.0 + step_));
  update_ema(*ema_, *model_, decay);
  ++step_;
  return value;
}

Trainer::Outcome Trainer::run(const std::function<bool()>& stop_requested,
                              const std::function<void(const TrainingProgress&)>& report) {
  if (!train_) throw InkError("Trainer: no training data set");
  model_->train();
  std::ofstream log;
  // A resumed run continues its log; a fresh one (the folder may hold an earlier, finished run's
  // model and log) starts it again, so that the log is the model's beside it.
  if (writes_files()) log.open(out_dir_ / "train-log.jsonl", step_ == 0 ? std::ios::trunc : std::ios::app);
  using clock = std::chrono::steady_clock;
  auto last = clock::now();
  try {
    while (step_ < recipe_.steps) {
      // Ctrl-C reaches every local rank, a scheduler's signal perhaps only one: all stop together.
      if (any_rank(stop_requested && stop_requested())) {
        save_checkpoint_now();
        return Outcome::stopped;
      }
      TrainingProgress progress;
      progress.learning_rate = learning_rate_at(recipe_, step_);
      progress.loss = train_step();
      if (parallel_) progress.collective_seconds = parallel_->take_collective_seconds();
      const auto now = clock::now();
      progress.samples_per_second = recipe_.batch_size / std::max(1e-9, std::chrono::duration<double>(now - last).count());
      last = now;
      progress.step = step_;
      progress.total = recipe_.steps;
      if (eval_ && recipe_.eval_every > 0 && (step_ % recipe_.eval_every == 0 || step_ == recipe_.steps)) {
        progress.eval_loss = eval_loss();
        model_->train();
        last = clock::now();  // the eval's time is not training throughput
      }
      if (step_ % recipe_.checkpoint_every == 0 || step_ == recipe_.steps) {
        save_checkpoint_now();
        progress.checkpointed = true;
      }
      if (log.is_open()) {
        log << "{\"step\": " << progress.step << ", \"loss\": " << progress.loss << ", \"lr\": " << progress.learning_rate
            << ", \"samples_per_s\": " << progress.samples_per_second;
        if (parallel_) log << ", \"ranks\": " << parallel_->size() << ", \"allreduce_ms\": " << progress.collective_seconds * 1e3;
        if (progress.eval_loss) log << ", \"eval_loss\": " << *progress.eval_loss;
        log << "}\n";
        log.flush();
        if ((progress.eval_loss || progress.checkpointed) && !loss_curve_failed_) progress.note = draw_loss_curve();
      }
      if (report) report(progress);
    }
  } catch (const LostContact& error) {
    throw InkError(std::string(error.what()) + " at step " + std::to_string(step_ + 1) + "; training stopped. Last good checkpoint: " +
                   last_checkpoint() + "; continue with ink-train --resume " + out_dir_.string());
  }
  export_model();
  return Outcome::finished;
}

double Trainer::eval_loss() {
  torch::NoGradGuard no_grad;
  ema_->eval();
  const int64_t n = std::min<int64_t>(recipe_.eval_samples, eval_->size());
  // Spread over the whole eval set, the same samples every time.
  const torch::Tensor indices = torch::linspace(0, static_cast<double>(eval_->size() - 1), n).to(torch::kInt64);
  auto generator = at::detail::createCPUGenerator(20261124);
  double total = 0;
  int64_t counted = 0;
  // Each rank takes its share of every eval batch, as in training, and the sums are added up.
  for (int64_t start = 0; start < n; start += recipe_.batch_size) {
    const BatchShare share = share_of(std::min<int64_t>(recipe_.batch_size, n - start));
    const DiffusionBatch batch = to_device(eval_->batch(share.rows(indices.narrow(0, start, share.total))), device_);
    total += loss_on(ema_, batch, &generator, share).item<double>() * static_cast<double>(share.count);
    counted += share.total;
  }
  if (parallel_) {
    torch::Tensor sum = torch::tensor({total}, torch::kFloat64);
    parallel_->sum(sum);
    total = sum.item<double>();
  }
  return total / static_cast<double>(counted);
}

std::string Trainer::draw_loss_curve() {
  try {
    write_png(render_loss_curve(read_train_log(out_dir_ / "train-log.jsonl")), loss_curve_file());
    return "";
  } catch (const InkError& error) {
    loss_curve_failed_ = true;
    return std::string("no ") + loss_curve_file().filename().string() + ": " + error.what();
  }
}

void Trainer::save_checkpoint_now() {
  if (!writes_files()) return;
  TrainingCheckpoint meta;
  meta.config = recipe_.model;
  meta.step = step_;
  meta.recipe_json = training_recipe_to_json(recipe_);
  meta.rng_state = cpu_rng_state();
  save_checkpoint(checkpoint_file(), meta, model_, ema_, *optimizer_);
}

void Trainer::export_model() {
  if (!writes_files()) return;
  ModelInfo info;
  info.recipe = recipe_;
  info.trained_steps = step_;
  info.styles = styles_;
  if (teacher_) {
    info.teacher_fingerprint = teacher_->loaded.fingerprint;
    info.taught_retunings = summary_of(*teacher_).retunings;
  }
  if (recipe_.model.mode == ConditioningMode::class_label && train_)
    info.classes = std::u32string(train_->classes().begin(), train_->classes().end());
  save_model(model_file(), info, *ema_);
}

}  // namespace ink
