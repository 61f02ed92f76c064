// A file size as the read limits' errors say it: "512 bytes", "300 MiB". Internal to src/core.
#pragma once
#include <cstdint>
#include <string>

namespace ink {

inline std::string size_text(uint64_t bytes) {
  if (bytes < (1u << 20)) return std::to_string(bytes) + " bytes";
  return std::to_string(bytes >> 20) + " MiB";
}

}  // namespace ink
