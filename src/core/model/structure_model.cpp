// The structure model: a transformer over a character's strokes, trained on where fonts put
// them (structure_model.h). Its loss is geometric: the distance between where the predicted
// placement and where the hand put each stroke's median points, so the character's departure
// and each stroke's shift and form are weighed in the box units a reader sees.
#include "ink/model/structure_model.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/data/outline.h"
#include "ink/training/checkpoint.h"
#include "model/stored_tensors.h"

namespace ink {
namespace {

constexpr int64_t kWidth = 64;     // token width
constexpr int64_t kRow = kStructureRow;
constexpr int64_t kFeatures = 4 * kStructurePoints + kStrokeKinds + 2;
constexpr double kUnit = 32;       // box units the loss and the shifts are measured in
constexpr double kRobust = 8;      // box units: past this a point's error counts linearly

// A batch of characters as tensors, padded to its longest.
struct Batch {
  torch::Tensor tokens;   // [strokes, batch, kFeatures]
  torch::Tensor padding;  // [batch, strokes], true where a character has no such stroke
  torch::Tensor points;   // [batch, strokes, kStructurePoints, 2], the data's, screen box units
  torch::Tensor centre;   // [batch, 2]
  torch::Tensor typical;  // [batch, 5]: shift x, y, log scale x, y, rotation
  torch::Tensor target;   // [batch, strokes, kStructurePoints, 2], where the hand put them
};

std::array<float, 5> parameters_of(const Layout& l) { return {l.shift.x, l.shift.y, std::log(l.scale_x), std::log(l.scale_y), l.rotation}; }

Batch batch_of(const std::vector<const StructureSample*>& samples, const std::vector<const Layout*>& typical) {
  const int64_t b = static_cast<int64_t>(samples.size());
  int64_t s = 1;
  for (const StructureSample* sample : samples) s = std::max<int64_t>(s, static_cast<int64_t>(sample->medians.size()));
  const int64_t p = kStructurePoints;
  std::vector<float> tokens(static_cast<size_t>(s * b * kFeatures), 0.0f), points(static_cast<size_t>(b * s * p * 2), 0.0f),
      target(points.size(), 0.0f), centre, base;
  std::vector<uint8_t> padding(static_cast<size_t>(b * s), 1);
  for (int64_t i = 0; i < b; ++i) {
    const StructureSample& sample = *samples[static_cast<size_t>(i)];
    const int64_t n = static_cast<int64_t>(sample.medians.size());
    centre.insert(centre.end(), {sample.centre.x, sample.centre.y});
    const auto typical_parameters = parameters_of(*typical[static_cast<size_t>(i)]);
    base.insert(base.end(), typical_parameters.begin(), typical_parameters.end());
    for (int64_t k = 0; k < n; ++k) {
      padding[static_cast<size_t>(i * s + k)] = 0;
      float* token = &tokens[static_cast<size_t>((k * b + i) * kFeatures)];
      const MedianPoints& median = sample.medians[static_cast<size_t>(k)];
      for (int64_t j = 0; j < p; ++j) {
        const Point q = median[static_cast<size_t>(j)];
        token[2 * j] = (q.x - sample.centre.x) / 256.0f;
        token[2 * j + 1] = (q.y - sample.centre.y) / 256.0f;
        token[2 * p + 2 * j] = (q.x - kBoxCentre.x) / 512.0f;
        token[2 * p + 2 * j + 1] = (q.y - kBoxCentre.y) / 512.0f;
        const size_t at = static_cast<size_t>(((i * s + k) * p + j) * 2);
        points[at] = q.x, points[at + 1] = q.y;
        const Point placed = placed_point(sample, static_cast<size_t>(k), static_cast<size_t>(j));
        target[at] = placed.x, target[at + 1] = placed.y;
      }
      token[4 * p + static_cast<int64_t>(sample.kinds[static_cast<size_t>(k)])] = 1.0f;
      token[4 * p + kStrokeKinds] = n > 1 ? static_cast<float>(k) / static_cast<float>(n - 1) : 0.0f;
      token[4 * p + kStrokeKinds + 1] = static_cast<float>(n) / 32.0f;
    }
  }
  const auto floats = [](std::vector<float>& v, std::vector<int64_t> shape) { return torch::from_blob(v.data(), shape).clone(); };
  Batch out;
  out.tokens = floats(tokens, {s, b, kFeatures});
  out.padding = torch::from_blob(padding.data(), {b, s}, torch::kUInt8).clone().to(torch::kBool);
  out.points = floats(points, {b, s, p, 2});
  out.target = floats(target, {b, s, p, 2});
  out.centre = floats(centre, {b, 2});
  out.typical = floats(base, {b, 5});
  return out;
}

// form_point on every point of `points` [..., kStructurePoints, 2] (screen), each stroke's chord
// its first and last point, its form [..., 3] (stretch, turn, bend); a dot's chord keeps its points.
torch::Tensor formed(const torch::Tensor& points, const torch::Tensor& form) {
  const torch::Tensor from = points.select(-2, 0).unsqueeze(-2), to = points.select(-2, kStructurePoints - 1).unsqueeze(-2);
  const torch::Tensor chord = to - from, middle = (from + to) / 2;
  const torch::Tensor length = chord.pow(2).sum(-1, true).sqrt();
  const torch::Tensor along = chord / length.clamp_min(1e-3);
  const torch::Tensor across = torch::stack({-along.select(-1, 1), along.select(-1, 0)}, -1);
  const torch::Tensor rel = points - middle;
  const torch::Tensor a = (rel * along).sum(-1, true), b = (rel * across).sum(-1, true);
  const torch::Tensor t = (a / length.clamp_min(1e-3) + 0.5).clamp(0, 1);
  const torch::Tensor real = (length >= kShortestChord).to(points.dtype());
  const auto part = [&](int64_t i) { return form.select(-1, i).unsqueeze(-1).unsqueeze(-1) * real; };
  const torch::Tensor a2 = a * part(0).exp(), b2 = b + part(2) * length * 4 * t * (1 - t);
  const torch::Tensor q = a2 * along + b2 * across;
  const torch::Tensor cos_t = part(1).cos(), sin_t = part(1).sin();
  const torch::Tensor qx = q.select(-1, 0).unsqueeze(-1), qy = q.select(-1, 1).unsqueeze(-1);
  return middle + torch::cat({cos_t * qx - sin_t * qy, sin_t * qx + cos_t * qy}, -1);
}

}  // namespace

struct StructureModel::Net : torch::nn::Module {
  torch::nn::Linear embed{nullptr}, style_in{nullptr}, stroke_head{nullptr}, form_head{nullptr}, glyph_head{nullptr};
  torch::nn::TransformerEncoder encoder{nullptr};
  torch::Tensor rows;

  explicit Net(size_t styles) {
    embed = register_module("embed", torch::nn::Linear(kFeatures, kWidth));
    style_in = register_module("style_in", torch::nn::Linear(kRow, kWidth));
    const auto layer = torch::nn::TransformerEncoderLayer(
        torch::nn::TransformerEncoderLayerOptions(kWidth, 4).dim_feedforward(2 * kWidth).dropout(0.1));
    encoder = register_module("encoder", torch::nn::TransformerEncoder(torch::nn::TransformerEncoderOptions(layer, 2)));
    stroke_head = register_module("stroke_head", torch::nn::Linear(kWidth, 2));
    form_head = register_module("form_head", torch::nn::Linear(kWidth, 3));
    glyph_head = register_module("glyph_head", torch::nn::Linear(kWidth, 5));
    // Untrained, the model says the typical layout: every head starts at zero.
    for (auto* head : {&stroke_head, &form_head, &glyph_head}) {
      torch::NoGradGuard no_grad;
      (*head)->weight.zero_();
      (*head)->bias.zero_();
    }
    rows = register_parameter("rows", torch::randn({static_cast<int64_t>(styles), kRow}) * 0.1);
  }

  // Each stroke's move [batch, strokes, 5] (shift x, y in box units; stretch, turn, bend) and the
  // character's departure [batch, 5], box units and radians.
  std::pair<torch::Tensor, torch::Tensor> forward(const Batch& batch, const torch::Tensor& row) {
    torch::Tensor h = embed(batch.tokens) + style_in(row).unsqueeze(0);
    h = encoder->forward(h, torch::Tensor(), batch.padding);
    const torch::Tensor form_scale = torch::tensor({0.1, 0.05, 0.05}, h.options());
    const torch::Tensor strokes = torch::cat({stroke_head(h) * kUnit, form_head(h) * form_scale}, -1).permute({1, 0, 2});
    const torch::Tensor kept = (~batch.padding).t().unsqueeze(-1).to(h.dtype());
    const torch::Tensor pooled = (h * kept).sum(0) / kept.sum(0).clamp_min(1);
    const torch::Tensor scale = torch::tensor({kUnit, kUnit, 0.1, 0.1, 0.05}, h.options());
    return {strokes, glyph_head(pooled) * scale};
  }

  // Where the prediction puts every median point.
  torch::Tensor placed(const Batch& batch, const torch::Tensor& row) {
    const auto [strokes, departure] = forward(batch, row);
    const torch::Tensor layout = batch.typical + departure;
    const torch::Tensor c = batch.centre.unsqueeze(1).unsqueeze(1);
    const torch::Tensor q = formed(batch.points, strokes.slice(-1, 2, 5)) + strokes.slice(-1, 0, 2).unsqueeze(2) - c;
    const auto at = [&](int64_t i) { return layout.select(1, i).view({-1, 1, 1}); };
    const torch::Tensor u = q.select(-1, 0) * at(2).exp(), v = q.select(-1, 1) * at(3).exp();
    const torch::Tensor cos_r = at(4).cos(), sin_r = at(4).sin();
    return torch::stack({c.select(-1, 0) + at(0) + cos_r * u - sin_r * v, c.select(-1, 1) + at(1) + sin_r * u + cos_r * v}, -1);
  }

  // `placement_known` false: the hand's images were framed by a photographer, so where a
  // character sits and how big it is say nothing; both sides are then compared with their
  // centres and sizes taken out.
  torch::Tensor loss(const Batch& batch, const torch::Tensor& row, bool placement_known = true) {
    const torch::Tensor kept = (~batch.padding).to(batch.points.dtype()).unsqueeze(-1).unsqueeze(-1);
    torch::Tensor predicted = placed(batch, row), target = batch.target;
    if (!placement_known) {
      const auto standardised = [&](const torch::Tensor& points) {
        const torch::Tensor count = (kept.sum({1, 2, 3}, true) * static_cast<double>(kStructurePoints)).clamp_min(1);
        const torch::Tensor centred = points - (points * kept).sum({1, 2}, true) / count;
        const torch::Tensor size = ((centred.pow(2) * kept).sum({1, 2, 3}, true) / count).sqrt().clamp_min(1);
        return centred / size * 256.0;  // a typical character's size, so the loss keeps its scale
      };
      predicted = standardised(predicted), target = standardised(target);
    }
    const torch::Tensor error = torch::nn::functional::smooth_l1_loss(
        predicted, target, torch::nn::functional::SmoothL1LossFuncOptions().reduction(torch::kNone).beta(kRobust));
    return (error * kept).sum() / (kept.sum() * static_cast<double>(kStructurePoints * 2)).clamp_min(1) / kUnit;
  }
};

StructureModel::StructureModel(size_t styles, uint64_t seed) {
  if (styles == 0) throw InkError("structure model: needs at least one style");
  // The weights start from `seed` without moving the process's random stream, which training
  // checkpoints and a model opened mid-run must not disturb.
  const torch::Tensor kept = cpu_rng_state();
  torch::manual_seed(seed);
  net_ = std::make_unique<Net>(styles);
  restore_cpu_rng_state(kept);
  names_.resize(styles);
}

StructureModel StructureModel::load(const std::filesystem::path& file) {
  const TensorFile stored = read_tensor_file(file);
  const std::vector<std::string> names = structure_styles(stored, file.string());
  StructureModel model(names.size());
  model.names_ = names;
  // A model from before stroke forms places strokes without reshaping them: its form head stays zero.
  const std::set<std::string> optional = {"form_head.weight", "form_head.bias"};
  const bool has_forms = stored.tensors.count("form_head.weight") || stored.tensors.count("form_head.bias");
  copy_weights(stored, *model.net_, file, "the structure model", has_forms ? std::set<std::string>{} : optional);
  model.net_->eval();
  return model;
}

void StructureModel::save(const std::filesystem::path& file, const std::string& source) const {
  std::vector<int64_t> kept;
  nlohmann::json names = nlohmann::json::array();
  for (size_t i = 0; i < names_.size(); ++i)
    if (!names_[i].empty()) kept.push_back(static_cast<int64_t>(i)), names.push_back(names_[i]);
  if (kept.empty()) throw InkError(file.string() + ": a structure model with no named styles");
  TensorFileWriter writer;
  for (auto& [name, tensor] : weight_tensors(*net_))
    writer.add(name, name == "rows" ? tensor.index_select(0, torch::tensor(kept)) : tensor);
  write_file_atomic(file, writer.encode({{"format", kStructureFormat}, {"styles", names.dump()}, {"source", source}}));
}

std::optional<size_t> StructureModel::style_named(const std::string& name) const {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name && !name.empty()) return i;
  return std::nullopt;
}

void StructureModel::name_style(size_t style, const std::string& name) {
  if (style >= names_.size()) throw InkError("structure model: no style " + std::to_string(style));
  names_[style] = name;
}

const std::string& StructureModel::name(size_t style) const {
  if (style >= names_.size()) throw InkError("structure model: no style " + std::to_string(style));
  return names_[style];
}

std::vector<float> StructureModel::row(size_t style) const {
  if (style >= styles()) throw InkError("structure model: no style " + std::to_string(style));
  const torch::Tensor r = net_->rows[static_cast<int64_t>(style)].contiguous();
  return {r.data_ptr<float>(), r.data_ptr<float>() + kRow};
}

size_t StructureModel::add_row(const std::string& name, const std::vector<float>& row) {
  if (row.size() != kStructureRow) throw InkError("structure model: a row of " + std::to_string(row.size()) + " numbers, not " + std::to_string(kStructureRow));
  for (float v : row)
    if (!std::isfinite(v)) throw InkError("structure model: a row with a number that is not finite");
  torch::NoGradGuard no_grad;
  std::vector<float> copy = row;
  net_->rows.set_data(torch::cat({net_->rows, torch::from_blob(copy.data(), {1, kRow}).clone()}, 0));
  names_.push_back(name);
  return styles() - 1;
}
StructureModel::~StructureModel() = default;
StructureModel::StructureModel(StructureModel&&) noexcept = default;
StructureModel& StructureModel::operator=(StructureModel&&) noexcept = default;

size_t StructureModel::styles() const { return static_cast<size_t>(net_->rows.size(0)); }

double StructureModel::train(const std::vector<HandSamples>& hands, const StructureTraining& settings, ProgressBar* bar) {
  if (hands.size() != styles()) throw InkError("structure model: " + std::to_string(hands.size()) + " hands for " + std::to_string(styles()) + " styles");
  std::vector<std::pair<size_t, size_t>> all;  // (hand, sample)
  for (size_t h = 0; h < hands.size(); ++h)
    for (size_t i = 0; i < hands[h].samples.size(); ++i) all.emplace_back(h, i);
  if (all.empty()) throw InkError("structure model: no characters to learn from");
  std::mt19937_64 random(settings.seed);
  // Dropout draws from the process's stream: seeded for the run, then given back as it was.
  const torch::Tensor stream = cpu_rng_state();
  torch::manual_seed(settings.seed);
  torch::optim::AdamW optimizer(net_->parameters(), torch::optim::AdamWOptions(settings.learning_rate).weight_decay(1e-4));
  net_->train();
  double smoothed = 0;
  for (int step = 0; step < settings.steps; ++step) {
    const double progress = static_cast<double>(step) / settings.steps;
    for (auto& group : optimizer.param_groups())
      static_cast<torch::optim::AdamWOptions&>(group.options()).lr(settings.learning_rate * 0.5 * (1 + std::cos(M_PI * progress)));
    std::vector<const StructureSample*> samples;
    std::vector<const Layout*> typical;
    std::vector<int64_t> styles_of;
    for (int i = 0; i < settings.batch; ++i) {
      const auto [h, k] = all[random() % all.size()];
      samples.push_back(&hands[h].samples[k]);
      typical.push_back(&hands[h].typical);
      styles_of.push_back(static_cast<int64_t>(h));
    }
    const Batch batch = batch_of(samples, typical);
    const torch::Tensor loss = net_->loss(batch, net_->rows.index_select(0, torch::tensor(styles_of)));
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
    smoothed = step ? 0.98 * smoothed + 0.02 * loss.item<double>() : loss.item<double>();
    if (bar) bar->update(static_cast<size_t>(step + 1), "loss " + std::to_string(smoothed).substr(0, 6));
  }
  net_->eval();
  restore_cpu_rng_state(stream);
  return smoothed;
}

size_t StructureModel::adapt(const HandSamples& hand, bool placement_known, int steps) {
  if (hand.samples.empty()) throw InkError("structure model: no characters to learn the hand's row from");
  torch::Tensor mean, spread;
  {
    torch::NoGradGuard no_grad;
    mean = net_->rows.mean(0, true);
    spread = (net_->rows - mean).pow(2).sum(1).mean().clamp_min(1e-6);
  }
  torch::Tensor row = mean.clone().set_requires_grad(true);
  std::vector<const StructureSample*> samples;
  for (const StructureSample& s : hand.samples) samples.push_back(&s);
  const Batch batch = batch_of(samples, std::vector<const Layout*>(samples.size(), &hand.typical));
  // A few characters' worth of evidence for the mean row, as the layouts' priors.
  const double prior = 4.0 / static_cast<double>(samples.size());
  net_->eval();
  for (auto& p : net_->parameters()) p.set_requires_grad(false);
  torch::optim::Adam optimizer({row}, torch::optim::AdamOptions(0.03));
  for (int step = 0; step < steps; ++step) {
    const torch::Tensor loss = net_->loss(batch, row.expand({static_cast<int64_t>(samples.size()), kRow}), placement_known) +
                               prior * (row - mean).pow(2).sum() / spread;
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
  }
  for (auto& p : net_->parameters()) p.set_requires_grad(true);
  torch::NoGradGuard no_grad;
  net_->rows.set_data(torch::cat({net_->rows, row.detach()}, 0));
  names_.emplace_back();
  return styles() - 1;
}

double StructureModel::error(const HandSamples& hand, size_t style) const {
  if (hand.samples.empty()) return 0;
  torch::NoGradGuard no_grad;
  std::vector<const StructureSample*> samples;
  for (const StructureSample& s : hand.samples) samples.push_back(&s);
  const Batch batch = batch_of(samples, std::vector<const Layout*>(samples.size(), &hand.typical));
  const torch::Tensor row = net_->rows[static_cast<int64_t>(style)].unsqueeze(0).expand({static_cast<int64_t>(samples.size()), kRow});
  const torch::Tensor distance = (net_->placed(batch, row) - batch.target).pow(2).sum(-1).sqrt();
  const torch::Tensor kept = (~batch.padding).to(distance.dtype()).unsqueeze(-1);
  return ((distance * kept).sum() / (kept.sum() * static_cast<double>(kStructurePoints))).item<double>();
}

StructurePlacement StructureModel::place(const StructureSample& character, size_t style, const Layout& typical) const {
  if (style >= styles()) throw InkError("structure model: no style " + std::to_string(style));
  torch::NoGradGuard no_grad;
  const Batch batch = batch_of({&character}, {&typical});
  const auto [strokes, departure] = net_->forward(batch, net_->rows[static_cast<int64_t>(style)].unsqueeze(0));
  const auto d = departure.accessor<float, 2>();
  StructurePlacement out;
  out.layout = typical;
  out.layout.shift = {typical.shift.x + d[0][0], typical.shift.y + d[0][1]};
  out.layout.scale_x = typical.scale_x * std::exp(d[0][2]);
  out.layout.scale_y = typical.scale_y * std::exp(d[0][3]);
  out.layout.rotation = typical.rotation + d[0][4];
  const auto s = strokes.accessor<float, 3>();
  for (int64_t k = 0; k < s.size(1); ++k) out.moves.push_back({{s[0][k][0], s[0][k][1]}, {s[0][k][2], s[0][k][3], s[0][k][4]}});
  return out;
}

}  // namespace ink
