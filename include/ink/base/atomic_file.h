// Files appear whole or not at all: write to a temporary name beside the target, then rename.
// A crash or an exception leaves the previous file (if any) untouched and no partial file.
#pragma once
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string_view>

namespace ink {

class AtomicFile {
 public:
  // Throws InkError "cannot write 'PATH': REASON" when the directory is missing or unwritable.
  explicit AtomicFile(std::filesystem::path target);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();  // removes the temporary file unless commit() succeeded

  void write(const void* data, size_t bytes);
  void write(std::string_view text) { write(text.data(), text.size()); }
  void write_at(uint64_t offset, const void* data, size_t bytes);  // patch a header already written
  uint64_t tell() const { return written_; }
  FILE* handle() { return file_; }  // for libraries that write through a FILE* (giflib, stb)
  // Flushes, syncs and renames onto the target.
  void commit();

  const std::filesystem::path& target() const { return target_; }

 private:
  [[noreturn]] void fail(const char* what) const;
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  FILE* file_ = nullptr;
  uint64_t written_ = 0;
  bool committed_ = false;
};

void write_file_atomic(const std::filesystem::path& target, std::string_view bytes);

}  // namespace ink
