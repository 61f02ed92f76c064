// Shards as torch tensors for the training loop. Includes torch: keep it out of code that does
// not train or sample.
#pragma once
#include <torch/types.h>

#include <filesystem>

#include "ink/dataset/shard.h"

namespace ink {

struct ShardTensors {
  SampleKind kind = SampleKind::stroke_step;
  torch::Tensor planes;  // [N, C, S, S] uint8, sharing the shard's memory (no copy)
  torch::Tensor codepoints, steps, stroke_counts, styles;  // [N] int64
};

ShardTensors load_shard_tensors(const std::filesystem::path& file);

// uint8 coverage 0..255 -> float in [-1, 1], the range the diffusion model works in.
torch::Tensor planes_to_model_range(const torch::Tensor& planes);

}  // namespace ink
