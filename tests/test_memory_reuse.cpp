// keep_freed_memory: blocks a model call allocates come from the heap and stay there when freed,
// instead of each being mapped from the kernel and unmapped again.
#include <catch2/catch.hpp>

#include <malloc.h>

#include <cstdlib>
#include <cstring>

#include "ink/base/memory_reuse.h"

TEST_CASE("freed blocks of a few megabytes stay in the heap for the next call", "[memory]") {
  ink::keep_freed_memory();
  const size_t mapped_before = mallinfo2().hblkhd;
  // The size of a 64 px UNet activation at 128 channels, and larger.
  for (const size_t bytes : {size_t{2} << 20, size_t{16} << 20}) {
    void* block = std::malloc(bytes);
    REQUIRE(block != nullptr);
    std::memset(block, 1, bytes);
    CHECK(mallinfo2().hblkhd == mapped_before);  // not a mapping of its own
    std::free(block);
    const size_t heap = mallinfo2().arena;
    CHECK(heap >= bytes);  // freed, and still held for reuse
  }
}
