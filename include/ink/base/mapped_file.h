// A file mapped read-only into memory. Processes that map the same file share one copy of it in
// the page cache: the local ranks of a data-parallel run each see the whole dataset, and the
// machine holds it once. The file must not be truncated while mapped (reading past its new end
// raises SIGBUS); the project replaces files by rename, which leaves a mapping intact.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace ink {

class MappedFile {
 public:
  // At most `max_bytes`; throws InkError as read_file does: "FILE: cannot open WHAT (...)",
  // "FILE: N MiB, over the M MiB WHAT may be".
  static std::shared_ptr<const MappedFile> open(const std::filesystem::path& file, uint64_t max_bytes, const std::string& what);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  MappedFile(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  const uint8_t* data_;
  size_t size_;
};

}  // namespace ink
