// Reading a whole file whose size is checked before a byte is read, so that any file costs at
// most `max_bytes` of memory, however large it claims or is. Every loader of a file a user may
// be handed reads through this.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ink {

// Throws InkError "FILE: cannot open WHAT (REASON)", or "FILE: N MiB, over the M MiB WHAT may be".
std::string read_file(const std::filesystem::path& file, uint64_t max_bytes, const std::string& what);
std::vector<uint8_t> read_file_bytes(const std::filesystem::path& file, uint64_t max_bytes, const std::string& what);

}  // namespace ink
