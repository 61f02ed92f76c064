#include "ink/base/file_read.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "base/file_size_text.h"
#include "ink/base/error.h"

namespace ink {
namespace {

template <typename Bytes>
Bytes read_into(const std::filesystem::path& file, uint64_t max_bytes, const std::string& what) {
  std::error_code error;
  if (std::filesystem::is_directory(file, error)) throw InkError(file.string() + ": cannot open " + what + " (a folder)");
  const uint64_t size = std::filesystem::file_size(file, error);
  if (error) throw InkError(file.string() + ": cannot open " + what + " (" + error.message() + ")");
  if (size > max_bytes) throw InkError(file.string() + ": " + size_text(size) + ", over the " + size_text(max_bytes) + " " + what + " may be");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InkError(file.string() + ": cannot open " + what + " (" + std::strerror(errno) + ")");
  Bytes bytes(size, 0);
  if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)) ||
      in.gcount() != static_cast<std::streamsize>(size))
    throw InkError(file.string() + ": cannot read " + what + " (it changed while being read)");
  return bytes;
}

}  // namespace

std::string read_file(const std::filesystem::path& file, uint64_t max_bytes, const std::string& what) {
  return read_into<std::string>(file, max_bytes, what);
}

std::vector<uint8_t> read_file_bytes(const std::filesystem::path& file, uint64_t max_bytes, const std::string& what) {
  return read_into<std::vector<uint8_t>>(file, max_bytes, what);
}

}  // namespace ink
