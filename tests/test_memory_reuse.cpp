// keep_freed_memory: blocks a model call allocates come from the heap and stay there when freed,
// instead of each being mapped from the kernel and unmapped again.
#include <catch2/catch.hpp>

#include <malloc.h>

#include <cstdlib>
#include <cstring>

#include "ink/base/memory_reuse.h"

namespace {

// AddressSanitizer and ThreadSanitizer bring their own allocator in place of glibc's: there,
// mallopt sets nothing and mallinfo2 reports zeros.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kGlibcAllocator = false;
#else
constexpr bool kGlibcAllocator = true;
#endif

}  // namespace

TEST_CASE("freed blocks of a few megabytes stay in the heap for the next call", "[memory]") {
  if (!kGlibcAllocator) {
    WARN("built with a sanitizer's allocator: glibc's policy does not apply");
    return;
  }
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
