// Thread settings for LibTorch on CPU. Debian's libtorch starts with one thread; OpenBLAS
// then fights torch's OpenMP threads (batch-1 inference flips between 10 and 32 ms, measured),
// so torch gets the cores and OpenBLAS gets one thread. Call once at start-up.
#pragma once
#include <c10/core/Device.h>

#include <string>

namespace ink {

// threads <= 0: one per core. Returns the thread count torch now uses.
int configure_torch_threads(int threads = 0);

// The calling thread's torch work runs on `threads` threads (<= 0: as it was) until this goes
// out of scope.
class TorchThreads {
 public:
  explicit TorchThreads(int threads);
  ~TorchThreads();
  TorchThreads(const TorchThreads&) = delete;
  TorchThreads& operator=(const TorchThreads&) = delete;

 private:
  int before_;
};

// OpenMP threads that spin while waiting starve everything else on a busy machine (measured:
// ink-write of 永 took 41 s beside a training run, 1.6 s with passive waiting). libgomp reads
// OMP_WAIT_POLICY only when it loads, so when it is unset this sets it to PASSIVE and restarts
// the program (execv of /proc/self/exe with the same arguments); on failure it carries on.
// Call first thing in main of short, latency-bound tools (writing, eval). Training, alone on a
// machine, runs ~10% faster with spinning threads (38 vs 34 samples/s, measured), so ink-train
// leaves the default. A user's own OMP_WAIT_POLICY is left alone.
void prefer_passive_openmp(char** argv);

// "cpu", "cuda" or "cuda:N", checked against this libtorch and machine; "cuda" alone means
// cuda:`local_rank`, one GPU per local rank as torchrun arranges. Throws InkError naming the value.
c10::Device parse_device(const std::string& text, int local_rank = 0);

}  // namespace ink
