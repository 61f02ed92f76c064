// GlyphWriter (whole mode: the glyph from its ordered skeletons in one pass) and class-mode
// glyphs (a label alone, the article's setup).
#include <torch/torch.h>

#include "ink/raster/stroke_weight.h"
#include "ink/writing/writer.h"
#include "writing/denoise_image.h"

namespace ink {
namespace {

void require_mode(const DiffusionModel& model, ConditioningMode mode, const char* who) {
  if (summary_of(model).mode != mode)
    throw InkError(summary_of(model).file.string() + ": " + who + " needs a '" + to_string(mode) + "' model, this one is '" +
                   to_string(summary_of(model).mode) + "'");
}

}  // namespace

struct GlyphWriter::State {
  std::shared_ptr<DiffusionModel> model;
  WriterSettings settings;
  GlyphPlanes reference;
  std::vector<float> median_lengths;  // px at the model's size, for the stroke weight
};

GlyphWriter::GlyphWriter(std::shared_ptr<DiffusionModel> model, const Glyph& glyph, WriterSettings settings)
    : state_(std::make_unique<State>()) {
  require_mode(*model, ConditioningMode::whole, "GlyphWriter");
  writer_timesteps(*model, settings);  // throws on steps or refine_from out of range
  state_->model = std::move(model);
  state_->settings = settings;
  Rasterizer rasterizer;
  state_->reference = render_glyph_planes(glyph, rasterizer, summary_of(*state_->model).sample_size);
  state_->median_lengths = median_lengths_px(glyph, state_->reference.size);
}

GlyphWriter::~GlyphWriter() = default;
const GlyphPlanes& GlyphWriter::reference() const { return state_->reference; }

Coverage GlyphWriter::write(const PreviewObserver& preview, const std::atomic<bool>* cancel) {
  State& st = *state_;
  const int n = static_cast<int>(st.reference.strokes.size());
  const int max_strokes = st.model->loaded.info.recipe.model.max_strokes;
  UNetConditions conditions;
  conditions.style = torch::full({1}, st.settings.style, torch::kInt64);
  conditions.strokes = torch::full({1}, std::min(n, max_strokes - 1), torch::kInt64);
  const torch::Tensor spatial = planes_tensor({&st.reference.ordered_skeletons});
  const Coverage glyph = denoise_image(*st.model, spatial, conditions, st.settings, stroke_seed(st.settings.seed, -1), preview, cancel);
  if (!st.settings.stroke_weight) return glyph;
  float length = 0;
  for (float l : st.median_lengths) length += l;
  return reweighted(glyph, inked_area(st.reference.glyph), length, *st.settings.stroke_weight, st.settings.even_weight);
}

Coverage write_class_glyph(DiffusionModel& model, int label, const WriterSettings& settings, const PreviewObserver& preview,
                           const std::atomic<bool>* cancel) {
  require_mode(model, ConditioningMode::class_label, "a class-mode glyph");
  const int classes = model.loaded.info.recipe.model.num_classes;
  if (label < 0 || label >= classes) throw InkError("class " + std::to_string(label) + " out of range (0.." + std::to_string(classes - 1) + ")");
  writer_timesteps(model, settings);
  UNetConditions conditions;
  conditions.label = torch::full({1}, label, torch::kInt64);
  return denoise_image(model, torch::Tensor(), conditions, settings, stroke_seed(settings.seed, -2), preview, cancel);
}

}  // namespace ink
