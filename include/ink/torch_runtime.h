// Thread settings for LibTorch on CPU. Debian's libtorch starts with one thread; OpenBLAS
// then fights torch's OpenMP threads (batch-1 inference flips between 10 and 32 ms, measured),
// so torch gets the cores and OpenBLAS gets one thread. Call once at start-up.
#pragma once

namespace ink {

// threads <= 0: one per core. Returns the thread count torch now uses.
int configure_torch_threads(int threads = 0);

}  // namespace ink
