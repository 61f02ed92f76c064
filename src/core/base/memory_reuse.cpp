#include "ink/base/memory_reuse.h"

#include <malloc.h>

namespace ink {

void keep_freed_memory() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
}

}  // namespace ink
