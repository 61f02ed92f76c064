// configure_torch_threads: torch's intra-op pool to the core count, OpenBLAS to one thread
// (looked up at run time: whichever libblas.so.3 Debian selected may not be OpenBLAS); and
// passive OpenMP waiting.
#include "ink/model/torch_runtime.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>
#include <torch/torch.h>

#include "ink/base/error.h"

namespace ink {

void prefer_passive_openmp(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
  ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
  ::execv("/proc/self/exe", argv);
}

int configure_torch_threads(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  using SetThreads = void (*)(int);
  if (auto set_blas_threads = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
    set_blas_threads(1);
  at::set_num_threads(threads);
  return at::get_num_threads();
}

TorchThreads::TorchThreads(int threads) : before_(at::get_num_threads()) {
  if (threads > 0 && threads != before_) at::set_num_threads(threads);
}

TorchThreads::~TorchThreads() {
  if (at::get_num_threads() != before_) at::set_num_threads(before_);
}

c10::Device parse_device(const std::string& text, int local_rank) {
  std::string kind = text, index;
  if (const size_t colon = text.find(':'); colon != std::string::npos) kind = text.substr(0, colon), index = text.substr(colon + 1);
  const bool digits = !index.empty() && index.size() <= 3 && index.find_first_not_of("0123456789") == std::string::npos;
  if (kind == "cpu" && index.empty()) return c10::Device(c10::kCPU);
  if (kind != "cuda" || (text.find(':') != std::string::npos && !digits))
    throw InkError("--device " + text + ": expected cpu, cuda or cuda:N");
  if (!torch::cuda::is_available())
    throw InkError("--device " + text + ": this libtorch has no CUDA, or sees no GPU (Debian's is built for the CPU only; "
                   "build against a CUDA PyTorch wheel's libtorch, as the README's 'Training at scale' says)");
  const int gpu = index.empty() ? local_rank : std::stoi(index);
  const int gpus = static_cast<int>(torch::cuda::device_count());
  if (gpu >= gpus)
    throw InkError("--device " + text + ": cuda:" + std::to_string(gpu) + " asked for, this machine has " + std::to_string(gpus) +
                   " GPU" + (gpus == 1 ? "" : "s"));
  return c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(gpu));
}

}  // namespace ink
