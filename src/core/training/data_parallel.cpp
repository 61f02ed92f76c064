// DataParallel over c10d's TCPStore and ProcessGroupGloo. A collective that fails (a peer's
// socket closed, or the timeout passed) becomes one InkError naming this rank.
#ifndef USE_C10D_GLOO
#define USE_C10D_GLOO 1  // Debian's libtorch is built with Gloo; its header wants the flag
#endif
#include "ink/training/data_parallel.h"

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/torch.h>

#include <cstdlib>
#include <string>

#include "ink/base/error.h"

namespace ink {
namespace {

// One line from a c10d or Gloo message, which may carry a C++ stack trace after it.
std::string first_line(const std::string& text) {
  const std::string line = text.substr(0, text.find('\n'));
  return line.size() > 240 ? line.substr(0, 240) + "..." : line;
}

std::optional<std::string> variable(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

int int_variable(const char* name, int fallback, int min, int max) {
  const auto text = variable(name);
  if (!text) return fallback;
  char* end = nullptr;
  const long value = std::strtol(text->c_str(), &end, 10);
  if (end == text->c_str() || *end != '\0' || value < min || value > max)
    throw InkError(std::string(name) + "=" + *text + ": expected a whole number from " + std::to_string(min) + " to " +
                   std::to_string(max));
  return static_cast<int>(value);
}

}  // namespace

std::optional<World> world_from_environment() {
  if (!variable("WORLD_SIZE")) return std::nullopt;
  World world;
  world.size = int_variable("WORLD_SIZE", 1, 1, 4096);
  world.rank = int_variable("RANK", -1, 0, world.size - 1);
  if (world.rank < 0) throw InkError("WORLD_SIZE is set but RANK is not: set both, as torchrun does");
  world.local_size = int_variable("LOCAL_WORLD_SIZE", 1, 1, world.size);
  world.local_rank = int_variable("LOCAL_RANK", 0, 0, world.local_size - 1);
  world.master_addr = variable("MASTER_ADDR").value_or("127.0.0.1");
  world.master_port = int_variable("MASTER_PORT", 29500, 1, 65535);
  return world;
}

struct DataParallel::Group {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> gloo;
};

DataParallel::DataParallel(const World& world, std::chrono::milliseconds timeout) : world_(world), group_(std::make_unique<Group>()) {
  const std::string where = "rank " + std::to_string(world.rank) + " of " + std::to_string(world.size);
  try {
    c10d::TCPStoreOptions options;
    options.port = static_cast<uint16_t>(world.master_port);
    options.isServer = world.rank == 0;
    options.numWorkers = static_cast<size_t>(world.size);
    options.timeout = timeout;
    group_->store = c10::make_intrusive<c10d::TCPStore>(world.master_addr, options);
    auto gloo_options = c10d::ProcessGroupGloo::Options::create(timeout);
    // Gloo binds to the interface that reaches the master: loopback for local ranks, the
    // host's own address otherwise (GLOO_SOCKET_IFNAME picks one by name, as in PyTorch).
    if (const auto interface = variable("GLOO_SOCKET_IFNAME"))
      gloo_options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(*interface));
    else if (world.master_addr == "127.0.0.1" || world.master_addr == "localhost")
      gloo_options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
    else
      gloo_options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
    group_->gloo = c10::make_intrusive<c10d::ProcessGroupGloo>(group_->store, world.rank, world.size, gloo_options);
  } catch (const InkError&) {
    throw;
  } catch (const std::exception& error) {
    throw InkError(where + ": cannot join the other ranks at " + world.master_addr + ":" + std::to_string(world.master_port) +
                   " (" + first_line(error.what()) + ")");
  }
}

DataParallel::~DataParallel() = default;

void DataParallel::all_reduce(std::vector<torch::Tensor>& tensors) {
  const auto start = std::chrono::steady_clock::now();
  try {
    group_->gloo->allreduce(tensors)->wait();
  } catch (const std::exception& error) {
    throw LostContact("rank " + std::to_string(world_.rank) + ": lost contact with the other ranks (" + first_line(error.what()) + ")");
  }
  collective_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void DataParallel::sum(torch::Tensor& values) {
  std::vector<torch::Tensor> tensors{values};
  all_reduce(tensors);
}

void DataParallel::sum_gradients(const std::vector<torch::Tensor>& parameters, torch::Tensor& extra) {
  torch::NoGradGuard no_grad;
  // Buckets of whole tensors in parameter order, every rank cutting them alike.
  std::vector<std::vector<torch::Tensor>> buckets(1);
  int64_t bytes = 0;
  for (const torch::Tensor& parameter : parameters) {
    torch::Tensor grad = parameter.grad();
    if (!grad.defined()) continue;
    if (bytes > 0 && bytes + grad.nbytes() > kBucketBytes) {
      buckets.emplace_back();
      bytes = 0;
    }
    buckets.back().push_back(grad);
    bytes += static_cast<int64_t>(grad.nbytes());
  }
  for (size_t b = 0; b < buckets.size(); ++b) {
    std::vector<torch::Tensor> flat_parts;
    for (const torch::Tensor& grad : buckets[b]) flat_parts.push_back(grad.reshape({-1}));
    const torch::Device device = flat_parts.empty() ? extra.device() : flat_parts.front().device();
    if (b + 1 == buckets.size()) flat_parts.push_back(extra.to(device, torch::kFloat32).reshape({-1}));
    std::vector<torch::Tensor> flat{torch::cat(flat_parts)};
    all_reduce(flat);
    int64_t at = 0;
    for (torch::Tensor& grad : buckets[b]) {
      grad.copy_(flat[0].narrow(0, at, grad.numel()).view_as(grad));
      at += grad.numel();
    }
    if (b + 1 == buckets.size()) extra.copy_(flat[0].narrow(0, at, extra.numel()).view_as(extra));
  }
}

void DataParallel::mark_done(const std::string& key) {
  try {
    group_->store->set(key, std::vector<uint8_t>{1});
  } catch (const std::exception& error) {
    throw LostContact("rank " + std::to_string(world_.rank) + ": lost contact with the store (" + first_line(error.what()) + ")");
  }
}

void DataParallel::wait_done(const std::string& key, std::chrono::milliseconds timeout) {
  try {
    group_->store->wait({key}, timeout);
  } catch (const std::exception& error) {
    throw LostContact("rank " + std::to_string(world_.rank) + ": waited in vain for '" + key + "' (" + first_line(error.what()) + ")");
  }
}

double DataParallel::take_collective_seconds() {
  const double seconds = collective_seconds_;
  collective_seconds_ = 0;
  return seconds;
}

}  // namespace ink
