// A dataset directory (ink-data build's shards + manifest) held in memory for training: every
// shard of the kind a model mode learns from, sampled by global index. Includes torch.
#pragma once
#include <torch/types.h>

#include <filesystem>
#include <vector>

#include "ink/dataset/shard_tensor.h"
#include "ink/model/unet_config.h"
#include "ink/training/diffusion_loss.h"

namespace ink {

// The sample kind each mode learns from: stroke steps for `stroke`, whole glyphs otherwise.
SampleKind sample_kind_for(ConditioningMode mode);

class TrainingData {
 public:
  // Throws InkError when the directory has no manifest (not built, or a build was interrupted),
  // no samples of the kind, or samples of another size than the model's.
  TrainingData(const std::filesystem::path& dataset_dir, const UNetConfig& config);

  int64_t size() const { return total_; }
  // Class mode's labels: the dataset's distinct characters, in code-point order.
  const std::vector<char32_t>& classes() const { return classes_; }
  // The samples at `indices` ([B] int64 into 0..size()-1) as a batch in model range, with the
  // conditions the model's mode takes.
  DiffusionBatch batch(const torch::Tensor& indices) const;
  // `count` sample indices drawn at random (torch's default generator), styles shared out as
  // TrainingRecipe::style_balance says. Balance 0 is one uniform draw over all samples.
  torch::Tensor draw(int64_t count, double style_balance) const;
  // Samples per style id (0 = the data's hand); a style absent from the dataset has 0.
  std::vector<int64_t> samples_per_style() const;

 private:
  UNetConfig config_;
  std::vector<ShardTensors> shards_;
  std::vector<int64_t> starts_;  // global index of each shard's first sample
  int64_t total_ = 0;
  std::vector<char32_t> classes_;
  std::vector<std::vector<int64_t>> by_style_;  // global sample indices of each style id
};

}  // namespace ink
