// What every fuzz target shares: a loader meets arbitrary bytes, and the only acceptable ways out
// are a result or an InkError (the one-line error the tools print). Anything else (a crash, a
// sanitizer report, another exception escaping, a hang, a huge allocation) is a bug that
// libFuzzer stops on.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ink/base/error.h"

#define INK_FUZZ_TARGET(body)                                                      \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {        \
    const std::string_view input(reinterpret_cast<const char*>(data), size);       \
    try {                                                                          \
      body;                                                                        \
    } catch (const ink::InkError&) {                                               \
    }                                                                              \
    return 0;                                                                      \
  }
