// One rank's rows of a global batch. Every random draw of a step (samples, timesteps, noise,
// dropout, augmentation) is made for the whole batch, alike on every rank, and each rank keeps
// its own rows: so N ranks train on exactly the batch one process would, and the global batch
// stays the recipe's whatever the world size. Includes torch.
#pragma once
#include <torch/types.h>

namespace ink {

struct BatchShare {
  int64_t offset = 0, count = 0, total = 0;

  static BatchShare whole(int64_t total) { return {0, total, total}; }
  // Rank `rank` of `ranks` takes a contiguous run of rows; the first total % ranks take one more.
  static BatchShare of_rank(int64_t total, int rank, int ranks) {
    const int64_t base = total / ranks, extra = total % ranks;
    return {rank * base + std::min<int64_t>(rank, extra), base + (rank < extra ? 1 : 0), total};
  }
  // This rank's rows of something drawn for the whole batch ([total, ...]).
  torch::Tensor rows(const torch::Tensor& drawn) const { return count == total ? drawn : drawn.narrow(0, offset, count); }
  // This rank's share of a mean over the whole batch: local mean * weight, summed over ranks.
  double weight() const { return static_cast<double>(count) / static_cast<double>(total); }
};

}  // namespace ink
