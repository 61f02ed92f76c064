// Opening a model for writing: the file, its schedule, and a summary for the fronts.
#include <torch/torch.h>

#include "diffusion_model_impl.h"
#include "ink/error.h"

namespace ink {

std::shared_ptr<DiffusionModel> open_model(const std::filesystem::path& path, ConditioningMode mode) {
  auto model = std::make_shared<DiffusionModel>();
  model->loaded = load_model(path, mode);
  model->schedule = std::make_shared<NoiseSchedule>(model->loaded.info.recipe.schedule);
  ModelSummary& s = model->summary;
  s.file = resolve_model_file(path, mode);
  s.mode = mode;
  s.sample_size = model->loaded.info.recipe.model.sample_size;
  s.parameters = model->loaded.unet->parameter_count();
  s.trained_steps = model->loaded.info.trained_steps;
  s.styles = model->loaded.info.styles;
  s.classes = model->loaded.info.classes;
  return model;
}

const ModelSummary& summary_of(const DiffusionModel& model) { return model.summary; }

int style_id(const DiffusionModel& model, const std::string& name) {
  const auto& styles = model.summary.styles;
  if (name.empty()) return 0;
  for (size_t i = 0; i < styles.size(); ++i)
    if (styles[i] == name) return static_cast<int>(i);
  std::string known;
  for (const auto& s : styles) known += (known.empty() ? "" : ", ") + s;
  throw InkError("style '" + name + "' unknown to " + model.summary.file.string() + " (it has: " + known + ")");
}

}  // namespace ink
