// TrainingData: shards read once (zero-copy tensors), batches gathered sample by sample.
#include "ink/dataset/training_data.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/json_document.h"
#include "ink/base/error.h"

namespace ink {

SampleKind sample_kind_for(ConditioningMode mode) {
  return mode == ConditioningMode::stroke ? SampleKind::stroke_step : SampleKind::whole_glyph;
}

TrainingData::TrainingData(const std::filesystem::path& dataset_dir, const UNetConfig& config) : config_(config) {
  const std::filesystem::path manifest_file = dataset_dir / "manifest.json";
  if (!std::filesystem::exists(manifest_file))
    throw InkError(manifest_file.string() + ": no dataset manifest (build it with ink-data build)");
  const nlohmann::json manifest = parse_json(read_text_file(manifest_file, "dataset manifest"), manifest_file.string());
  const SampleKind kind = sample_kind_for(config.mode);
  const std::string key = to_string(kind);
  if (!manifest.contains(key) || !manifest[key].contains("shards"))
    throw InkError(manifest_file.string() + ": no '" + key + "' section");
  if (manifest.value("size", 0) != config.sample_size)
    throw InkError(manifest_file.string() + ": samples are " + std::to_string(manifest.value("size", 0)) +
                   " px, the model's sample_size is " + std::to_string(config.sample_size));
  for (const auto& name : manifest[key]["shards"]) {
    ShardTensors shard = load_shard_tensors(dataset_dir / name.get<std::string>());
    if (shard.planes.size(0) == 0) continue;
    starts_.push_back(total_);
    total_ += shard.planes.size(0);
    shards_.push_back(std::move(shard));
  }
  if (total_ == 0) throw InkError(dataset_dir.string() + ": the dataset has no " + key + " samples");
  for (size_t s = 0; s < shards_.size(); ++s) {
    const ShardTensors& shard = shards_[s];
    const auto* cps = shard.codepoints.data_ptr<int64_t>();
    const auto* styles = shard.styles.data_ptr<int64_t>();
    for (int64_t i = 0; i < shard.codepoints.size(0); ++i) {
      classes_.push_back(static_cast<char32_t>(cps[i]));
      const auto style = static_cast<size_t>(std::max<int64_t>(0, styles[i]));
      if (style >= by_style_.size()) by_style_.resize(style + 1);
      by_style_[style].push_back(starts_[s] + i);
    }
  }
  std::sort(classes_.begin(), classes_.end());
  classes_.erase(std::unique(classes_.begin(), classes_.end()), classes_.end());
  if (config.mode == ConditioningMode::class_label && static_cast<int>(classes_.size()) > config.num_classes)
    throw InkError(dataset_dir.string() + ": " + std::to_string(classes_.size()) + " characters, but the model's num_classes is " +
                   std::to_string(config.num_classes));
}

std::vector<int64_t> TrainingData::samples_per_style() const {
  std::vector<int64_t> counts;
  for (const auto& indices : by_style_) counts.push_back(static_cast<int64_t>(indices.size()));
  return counts;
}

torch::Tensor TrainingData::draw(int64_t count, double style_balance) const {
  // Balance 0 keeps the one uniform draw that recipes written before style_balance trained with.
  if (style_balance <= 0) return torch::randint(0, total_, {count}, torch::kInt64);
  std::vector<double> weights;
  for (const auto& indices : by_style_)
    weights.push_back(indices.empty() ? 0.0 : std::pow(static_cast<double>(indices.size()), 1.0 - style_balance));
  const torch::Tensor styles = torch::multinomial(torch::tensor(weights, torch::kFloat64), count, /*replacement=*/true);
  const torch::Tensor positions = torch::rand({count}, torch::kFloat64);
  torch::Tensor drawn = torch::empty({count}, torch::kInt64);
  const auto* style = styles.data_ptr<int64_t>();
  const auto* position = positions.data_ptr<double>();
  auto* out = drawn.data_ptr<int64_t>();
  for (int64_t i = 0; i < count; ++i) {
    const std::vector<int64_t>& pool = by_style_[style[i]];
    const auto at = std::min(pool.size() - 1, static_cast<size_t>(position[i] * static_cast<double>(pool.size())));
    out[i] = pool[at];
  }
  return drawn;
}

DiffusionBatch TrainingData::batch(const torch::Tensor& indices) const {
  const int64_t b = indices.size(0);
  const auto* wanted = indices.data_ptr<int64_t>();
  std::vector<torch::Tensor> planes;
  std::vector<int64_t> steps(b), counts(b), styles(b), labels(b);
  for (int64_t i = 0; i < b; ++i) {
    if (wanted[i] < 0 || wanted[i] >= total_) throw InkError("TrainingData: sample index out of range");
    const size_t s = std::upper_bound(starts_.begin(), starts_.end(), wanted[i]) - starts_.begin() - 1;
    const int64_t j = wanted[i] - starts_[s];
    const ShardTensors& shard = shards_[s];
    planes.push_back(shard.planes[j]);
    // Raw reads: a tensor element access per field per sample costs more than the copy itself.
    steps[i] = shard.steps.data_ptr<int64_t>()[j];
    counts[i] = std::min<int64_t>(shard.stroke_counts.data_ptr<int64_t>()[j], config_.max_strokes - 1);
    styles[i] = std::min<int64_t>(shard.styles.data_ptr<int64_t>()[j], config_.num_styles - 1);
    const auto cp = static_cast<char32_t>(shard.codepoints.data_ptr<int64_t>()[j]);
    labels[i] = std::lower_bound(classes_.begin(), classes_.end(), cp) - classes_.begin();
  }
  // Class mode sees the target alone: whatever spatial conditions the shard has are dropped.
  torch::Tensor stacked = torch::stack(planes);
  if (config_.mode == ConditioningMode::class_label) stacked = stacked.narrow(1, 0, 1);
  DiffusionBatch batch = batch_from_planes(stacked);
  auto as_tensor = [](const std::vector<int64_t>& v) { return torch::tensor(v, torch::kInt64); };
  if (config_.mode == ConditioningMode::class_label) {
    batch.conditions.label = as_tensor(labels);
  } else {
    batch.conditions.style = as_tensor(styles);
    batch.conditions.strokes = as_tensor(counts);
    if (config_.mode == ConditioningMode::stroke) batch.conditions.step = as_tensor(steps);
  }
  return batch;
}

}  // namespace ink
