// tune_style: stroke-step samples from the split images (targets and canvas in the images'
// hand, skeletons from the stroke data, as the writer will give them), then Adam on one row.
#include "ink/styles/style_tuning.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>

#include "ink/base/error.h"
#include "ink/base/utf8.h"
#include "ink/dataset/stroke_step.h"
#include "ink/model/model_file.h"
#include "ink/model/noise_schedule.h"
#include "ink/training/diffusion_loss.h"
#include "ink/training/training_augment.h"
#include "styles/style_adapter.h"

namespace ink {
namespace {

// [N, kStrokeStepChannels, S, S] uint8, plus each sample's step and stroke count.
struct StepSamples {
  torch::Tensor planes, steps, counts;
};

StepSamples samples_from_images(const std::vector<SplitImage>& images, const StrokeLibrary& library, int size,
                                int max_strokes) {
  Rasterizer rasterizer;
  std::vector<torch::Tensor> planes;
  std::vector<int64_t> steps, counts;
  for (const SplitImage& image : images) {
    if (image.ink.width != size) throw InkError(image.file.string() + ": split at " + std::to_string(image.ink.width) +
                                                " px, the model writes at " + std::to_string(size));
    GlyphPlanes glyph_planes =
        render_glyph_planes(image.skeletons ? *image.skeletons : library.glyph(image.character), rasterizer, size);
    glyph_planes.strokes = image.strokes;
    glyph_planes.glyph = image.ink;
    const int strokes = static_cast<int>(image.strokes.size());
    for (int k = 0; k < strokes; ++k) {
      torch::Tensor sample = torch::empty({kStrokeStepChannels, size, size}, torch::kUInt8);
      stroke_step_sample(glyph_planes, k, sample.data_ptr<uint8_t>());
      planes.push_back(sample);
      steps.push_back(k);
      counts.push_back(std::min(strokes, max_strokes - 1));
    }
  }
  return {torch::stack(planes), torch::tensor(steps, torch::kInt64), torch::tensor(counts, torch::kInt64)};
}

DiffusionBatch batch_of(const StepSamples& samples, const torch::Tensor& idx, int64_t style) {
  DiffusionBatch batch = batch_from_planes(samples.planes.index_select(0, idx));
  batch.conditions.style = torch::full({idx.size(0)}, style, torch::kInt64);
  batch.conditions.step = samples.steps.index_select(0, idx);
  batch.conditions.strokes = samples.counts.index_select(0, idx);
  return batch;
}

// The trained style whose denoising loss on the images is lowest (same samples, noise and
// timesteps for each): the new row starts there, so learning begins from the closest hand.
int64_t nearest_trained_style(UNet& unet, const NoiseSchedule& schedule, const StepSamples& samples, int64_t trained) {
  torch::NoGradGuard no_grad;
  const int64_t n = std::min<int64_t>(samples.planes.size(0), 256);
  std::vector<int64_t> spread(n);
  for (int64_t i = 0; i < n; ++i) spread[i] = i * samples.planes.size(0) / n;
  const torch::Tensor idx = torch::tensor(spread, torch::kInt64);
  int64_t best = 0;
  double best_loss = INFINITY;
  for (int64_t style = 0; style < trained; ++style) {
    torch::Generator generator = at::detail::createCPUGenerator(1234);
    double loss = 0;
    for (int repeat = 0; repeat < 4; ++repeat) loss += diffusion_loss(unet, schedule, batch_of(samples, idx, style), &generator).item<double>();
    if (loss < best_loss) best_loss = loss, best = style;
  }
  return best;
}

}  // namespace

LearnedStyle tune_style(const std::filesystem::path& model_path, const std::vector<SplitImage>& images,
                        const StrokeLibrary& library, const std::string& name, const StyleTuningOptions& options,
                        const std::function<void(const StyleTuningProgress&)>& progress,
                        const std::function<bool()>& stop_requested) {
  check_style_name(name);
  if (images.empty()) throw InkError("no usable images to learn the style '" + name + "' from");
  const auto start = std::chrono::steady_clock::now();
  LoadedModel base = load_model(model_path, ConditioningMode::stroke);
  const auto& trained_styles = base.info.styles;
  const auto same_name = std::find(trained_styles.begin(), trained_styles.end(), name);
  if (same_name != trained_styles.end() && !options.retune)
    throw InkError("style '" + name + "' is one of the model's trained styles; choose another name, or retune it (--retune)");
  if (options.retune && same_name == trained_styles.end())
    throw InkError("--retune: '" + name + "' is not one of the model's trained styles");
  if (options.retune && same_name == trained_styles.begin())
    throw InkError("--retune: '" + name + "' is the data's own hand, which the other styles are measured from; it stays as trained");
  const auto start_from = std::find(trained_styles.begin(), trained_styles.end(), options.start_from);
  if (!options.start_from.empty() && start_from == trained_styles.end())
    throw InkError("--start-from: '" + options.start_from + "' is not one of the model's trained styles");
  const UNetConfig& config = base.info.recipe.model;
  const NoiseSchedule schedule(base.info.recipe.schedule);
  UNet& unet = base.unet;
  const StepSamples samples = samples_from_images(images, library, config.sample_size, config.max_strokes);

  torch::manual_seed(options.seed);
  for (auto& p : unet->parameters()) p.set_requires_grad(false);
  unet->eval();
  const int64_t trained = std::max<int64_t>(1, static_cast<int64_t>(base.info.styles.size()));
  const int64_t nearest = !options.start_from.empty() ? start_from - trained_styles.begin()
                         : options.retune            ? same_name - trained_styles.begin()
                                                     : nearest_trained_style(unet, schedule, samples, trained);
  const int64_t id = unet->append_style_rows(unet->style_table().narrow(0, nearest, 1).clone());
  torch::Tensor& table = unet->style_table();
  table.set_requires_grad(true);
  const torch::Tensor only_new = torch::zeros({table.size(0), 1});
  only_new[id] = 1;
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(std::vector<torch::Tensor>{table}, std::make_unique<torch::optim::AdamOptions>(options.learning_rate));
  if (options.adapter) {
    std::vector<torch::Tensor> norms = adapter_parameters(*unet);
    for (auto& p : norms) p.set_requires_grad(true);
    groups.emplace_back(norms, std::make_unique<torch::optim::AdamOptions>(options.adapter_learning_rate));
  }
  torch::optim::Adam optimizer(std::move(groups), torch::optim::AdamOptions(options.learning_rate));

  LearnedStyle style;
  style.name = name;
  style.retunes = options.retune;
  style.base_trained_steps = base.info.trained_steps;
  style.base_fingerprint = base.fingerprint;
  style.images = static_cast<int>(images.size());
  style.started_from = nearest < static_cast<int64_t>(base.info.styles.size()) ? base.info.styles[nearest] : "";
  for (const SplitImage& image : images)
    if (style.characters.find(encode_utf8(image.character)) == std::string::npos) style.characters += encode_utf8(image.character);
  double running = 0;
  for (int step = 0; step < options.steps; ++step) {
    if (stop_requested && stop_requested()) return LearnedStyle{};
    const torch::Tensor idx = torch::randint(0, samples.planes.size(0), {options.batch_size}, torch::kInt64);
    DiffusionBatch batch = batch_of(samples, idx, id);
    drop_conditions(batch, *unet, options.condition_dropout);
    optimizer.zero_grad();
    const torch::Tensor loss = diffusion_loss(unet, schedule, batch);
    loss.backward();
    table.mutable_grad().mul_(only_new);  // every other row stays as trained (Adam moves nothing without a gradient)
    optimizer.step();
    const double value = loss.item<double>();
    running = step == 0 ? value : 0.95 * running + 0.05 * value;
    if (progress) progress({step + 1, options.steps, running});
  }
  const torch::Tensor row = table[id].detach().contiguous();
  style.embedding.assign(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
  if (options.adapter) style.adapter = adapter_values(*unet);
  style.steps = options.steps;
  style.final_loss = running;
  style.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return style;
}

}  // namespace ink
