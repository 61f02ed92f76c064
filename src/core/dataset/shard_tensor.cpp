// Zero-copy view of a shard's planes as a uint8 tensor; the tensor keeps the shard alive.
#include "ink/dataset/shard_tensor.h"

#include <torch/torch.h>

namespace ink {

ShardTensors load_shard_tensors(const std::filesystem::path& file) {
  auto shard = std::make_shared<Shard>(Shard::read(file));
  const int64_t n = shard->count(), c = shard->channels(), s = shard->size();
  ShardTensors out;
  out.kind = shard->kind();
  if (n == 0) {
    out.planes = torch::empty({0, c, s, s}, torch::kUInt8);
  } else {
    void* data = const_cast<uint8_t*>(shard->planes(0));
    out.planes = torch::from_blob(data, {n, c, s, s}, [shard](void*) mutable { shard.reset(); },
                                  torch::TensorOptions().dtype(torch::kUInt8));
  }
  std::vector<int64_t> codepoints, steps, counts, styles;
  for (const SampleMeta& m : shard->metas()) {
    codepoints.push_back(m.codepoint);
    steps.push_back(m.step);
    counts.push_back(m.stroke_count);
    styles.push_back(m.style);
  }
  out.codepoints = torch::tensor(codepoints, torch::kInt64);
  out.steps = torch::tensor(steps, torch::kInt64);
  out.stroke_counts = torch::tensor(counts, torch::kInt64);
  out.styles = torch::tensor(styles, torch::kInt64);
  return out;
}

torch::Tensor planes_to_model_range(const torch::Tensor& planes) {
  return planes.to(torch::kFloat32).div(127.5).sub(1.0);
}

}  // namespace ink
