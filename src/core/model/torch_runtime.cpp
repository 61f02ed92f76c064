// configure_torch_threads: torch's intra-op pool to the core count, OpenBLAS to one thread
// (looked up at run time: whichever libblas.so.3 Debian selected may not be OpenBLAS); and
// passive OpenMP waiting.
#include "ink/model/torch_runtime.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>
#include <torch/torch.h>

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

}  // namespace ink
