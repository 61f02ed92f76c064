// The stroke pack (strokes/hanzi.inkpack). The harness rewrites the trailing checksum to match,
// so the fuzzer reaches the section tables behind it instead of stopping at the checksum.
#include <string>

#include "base/bytes.h"
#include "fuzz_main.h"
#include "ink/data/stroke_library.h"

INK_FUZZ_TARGET({
  std::string bytes(input);
  if (bytes.size() >= 12) {
    const uint32_t checksum = ink::detail::fnv1a(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size() - 4);
    std::memcpy(bytes.data() + bytes.size() - 4, &checksum, 4);
  }
  ink::StrokeLibrary::parse_pack(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), "fuzz.inkpack");
})
