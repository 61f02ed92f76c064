// StrokeWriter: stroke k from noise, conditioned on the canvas of strokes it wrote itself, the
// reference skeleton of k and the skeletons still to come (docs/model.md, The stroke-step sample).
#include <torch/torch.h>

#include "ink/raster/stroke_weight.h"
#include "ink/writing/writer.h"
#include "writing/denoise_image.h"

namespace ink {

struct StrokeWriter::State {
  std::shared_ptr<DiffusionModel> model;
  WriterSettings settings;
  GlyphPlanes reference;
  std::vector<Coverage> strokes;
  std::vector<uint64_t> seeds;  // the seed each stroke is (or will be) written with
  std::vector<float> median_lengths;  // px at the model's size, for the stroke weight
};

StrokeWriter::StrokeWriter(std::shared_ptr<DiffusionModel> model, const Glyph& glyph, WriterSettings settings)
    : state_(std::make_unique<State>()) {
  if (summary_of(*model).mode != ConditioningMode::stroke)
    throw InkError(summary_of(*model).file.string() + ": StrokeWriter needs a 'stroke' model, this one is '" +
                   to_string(summary_of(*model).mode) + "'");
  const int max_strokes = model->loaded.info.recipe.model.max_strokes;
  if (static_cast<int>(glyph.strokes.size()) >= max_strokes)
    throw InkError("character has " + std::to_string(glyph.strokes.size()) + " strokes, the model handles at most " +
                   std::to_string(max_strokes - 1));
  writer_timesteps(*model, settings);  // throws on steps or refine_from out of range
  state_->model = std::move(model);
  state_->settings = settings;
  Rasterizer rasterizer;
  state_->reference = render_glyph_planes(glyph, rasterizer, summary_of(*state_->model).sample_size);
  state_->seeds.assign(glyph.strokes.size(), settings.seed);
  state_->median_lengths = median_lengths_px(glyph, state_->reference.size);
}

StrokeWriter::~StrokeWriter() = default;

int StrokeWriter::stroke_count() const { return static_cast<int>(state_->reference.strokes.size()); }
int StrokeWriter::written() const { return static_cast<int>(state_->strokes.size()); }
const std::vector<Coverage>& StrokeWriter::strokes() const { return state_->strokes; }
const GlyphPlanes& StrokeWriter::reference() const { return state_->reference; }

Coverage StrokeWriter::glyph() const {
  const int s = state_->reference.size;
  Coverage out(s, s);
  for (const Coverage& c : state_->strokes) out.max_with(c);
  return out;
}

void StrokeWriter::redo_from(int k, uint64_t seed) {
  if (k < 0 || k >= stroke_count())
    throw InkError("redo: stroke " + std::to_string(k + 1) + " out of range (1.." + std::to_string(stroke_count()) + ")");
  if (k < written()) state_->strokes.resize(k);
  for (int j = k; j < stroke_count(); ++j) state_->seeds[j] = seed;
}

void StrokeWriter::write(const std::function<void(const WrittenStroke&)>& on_stroke, const std::atomic<bool>* cancel) {
  State& st = *state_;
  const int n = stroke_count();
  const int s = st.reference.size;
  while (written() < n) {
    const int k = written();
    Coverage canvas = glyph(), future(s, s);
    for (int j = k + 1; j < n; ++j) future.max_with(st.reference.skeletons[j]);
    const torch::Tensor spatial = planes_tensor({&canvas, &st.reference.skeletons[k], &future});
    UNetConditions conditions;
    conditions.style = torch::full({1}, st.settings.style, torch::kInt64);
    conditions.step = torch::full({1}, k, torch::kInt64);
    conditions.strokes = torch::full({1}, n, torch::kInt64);
    Coverage stroke = denoise_image(*st.model, spatial, conditions, st.settings, stroke_seed(st.seeds[k], k), {}, cancel);
    if (st.settings.stroke_weight)
      stroke = reweighted(stroke, inked_area(st.reference.strokes[k]), st.median_lengths[k], *st.settings.stroke_weight,
                          st.settings.even_weight);
    st.strokes.push_back(std::move(stroke));
    if (on_stroke) on_stroke(WrittenStroke{k, n, &st.strokes.back()});
  }
}

}  // namespace ink
