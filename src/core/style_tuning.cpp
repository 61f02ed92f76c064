// tune_style: stroke-step samples from the split images (targets and canvas in the images'
// hand, skeletons from the stroke data, as the writer will give them), then Adam on one row.
#include "ink/style_tuning.h"

#include <torch/torch.h>

#include <chrono>

#include "ink/diffusion_loss.h"
#include "ink/error.h"
#include "ink/model_file.h"
#include "ink/noise_schedule.h"
#include "ink/stroke_step.h"
#include "ink/utf8.h"

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
    GlyphPlanes glyph_planes = render_glyph_planes(library.glyph(image.character), rasterizer, size);
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

}  // namespace

LearnedStyle tune_style(const std::filesystem::path& model_path, const std::vector<SplitImage>& images,
                        const StrokeLibrary& library, const std::string& name, const StyleTuningOptions& options,
                        const std::function<void(const StyleTuningProgress&)>& progress,
                        const std::function<bool()>& stop_requested) {
  check_style_name(name);
  if (images.empty()) throw InkError("no usable images to learn the style '" + name + "' from");
  const auto start = std::chrono::steady_clock::now();
  LoadedModel base = load_model(model_path, ConditioningMode::stroke);
  for (const std::string& trained : base.info.styles)
    if (trained == name) throw InkError("style '" + name + "' is one of the model's trained styles; choose another name");
  const UNetConfig& config = base.info.recipe.model;
  const NoiseSchedule schedule(base.info.recipe.schedule);
  UNet& unet = base.unet;
  const StepSamples samples = samples_from_images(images, library, config.sample_size, config.max_strokes);

  torch::manual_seed(options.seed);
  for (auto& p : unet->parameters()) p.set_requires_grad(false);
  const int64_t trained = std::max<int64_t>(1, static_cast<int64_t>(base.info.styles.size()));
  const torch::Tensor start_row = unet->style_table().narrow(0, 0, trained).mean(0, true);
  const int64_t id = unet->append_style_rows(start_row);
  torch::Tensor& table = unet->style_table();
  table.set_requires_grad(true);
  const torch::Tensor only_new = torch::zeros({table.size(0), 1});
  only_new[id] = 1;
  torch::optim::Adam optimizer({table}, torch::optim::AdamOptions(options.learning_rate));

  LearnedStyle style;
  style.name = name;
  style.base_trained_steps = base.info.trained_steps;
  style.images = static_cast<int>(images.size());
  for (const SplitImage& image : images)
    if (style.characters.find(encode_utf8(image.character)) == std::string::npos) style.characters += encode_utf8(image.character);
  double running = 0;
  for (int step = 0; step < options.steps; ++step) {
    if (stop_requested && stop_requested()) return LearnedStyle{};
    const torch::Tensor idx = torch::randint(0, samples.planes.size(0), {options.batch_size}, torch::kInt64);
    DiffusionBatch batch = batch_from_planes(samples.planes.index_select(0, idx));
    batch.conditions.style = torch::full({options.batch_size}, id, torch::kInt64);
    batch.conditions.step = samples.steps.index_select(0, idx);
    batch.conditions.strokes = samples.counts.index_select(0, idx);
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
  style.steps = options.steps;
  style.final_loss = running;
  style.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return style;
}

}  // namespace ink
