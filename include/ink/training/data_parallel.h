// Data-parallel training across processes (docs/training-at-scale.md) on c10d, the engine
// PyTorch's DistributedDataParallel uses: a TCPStore for the rendezvous and ProcessGroupGloo for
// the collectives. Ranks find each other from the variables torchrun sets, so one binary runs on
// one machine or many. Includes torch; c10d stays inside the .cpp.
#pragma once
#include <torch/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ink/base/error.h"

namespace ink {

// This process's place in the run: RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR,
// MASTER_PORT.
struct World {
  int rank = 0, size = 1;
  int local_rank = 0, local_size = 1;
  std::string master_addr = "127.0.0.1";
  int master_port = 29500;
};

// A collective that failed: a rank died, hung past the timeout, or its socket closed.
struct LostContact : InkError {
  using InkError::InkError;
};

// The world from the environment, or nothing when WORLD_SIZE is unset (one process). A variable
// that is set but wrong (RANK 3 of 2, a port of 0) throws InkError naming it.
std::optional<World> world_from_environment();

class DataParallel {
 public:
  // Joins the other ranks (rank 0 serves the store); waits at most `timeout` for them to arrive,
  // and later for any one collective to complete, so a rank that dies or hangs ends the run
  // with an error instead of a hang.
  DataParallel(const World& world, std::chrono::milliseconds timeout);
  ~DataParallel();
  DataParallel(const DataParallel&) = delete;
  DataParallel& operator=(const DataParallel&) = delete;

  int rank() const { return world_.rank; }
  int size() const { return world_.size; }
  const World& world() const { return world_; }

  // Sums the gradients of `parameters` over the ranks, in place, flattened into buckets of about
  // `bucket_bytes` (DDP's 25 MiB default) so a small model takes one collective, not one per
  // tensor. `extra` ([n] float) rides in the last bucket: the loss and the stop votes.
  void sum_gradients(const std::vector<torch::Tensor>& parameters, torch::Tensor& extra);
  // Sums a small tensor over the ranks, in place.
  void sum(torch::Tensor& values);
  // A flag in the rendezvous store: one rank marks `key` done, others wait for it, at most
  // `timeout` (a dataset build takes longer than any collective may).
  void mark_done(const std::string& key);
  void wait_done(const std::string& key, std::chrono::milliseconds timeout);
  // Seconds spent in collectives since the last call (the all-reduce time per step).
  double take_collective_seconds();

  static constexpr int64_t kBucketBytes = 25 << 20;

 private:
  struct Group;
  void all_reduce(std::vector<torch::Tensor>& tensors);
  World world_;
  std::unique_ptr<Group> group_;
  double collective_seconds_ = 0;
};

}  // namespace ink
