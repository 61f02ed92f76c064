// configure_torch_threads: torch's intra-op pool to the core count, OpenBLAS to one thread
// (looked up at run time: whichever libblas.so.3 Debian selected may not be OpenBLAS).
#include "ink/torch_runtime.h"

#include <dlfcn.h>

#include <thread>
#include <torch/torch.h>

namespace ink {

int configure_torch_threads(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  using SetThreads = void (*)(int);
  if (auto set_blas_threads = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
    set_blas_threads(1);
  at::set_num_threads(threads);
  return at::get_num_threads();
}

}  // namespace ink
