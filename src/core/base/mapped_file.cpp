// MappedFile: open, check the size, mmap, close (the mapping outlives the descriptor).
#include "ink/base/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/file_size_text.h"
#include "ink/base/error.h"

namespace ink {

std::shared_ptr<const MappedFile> MappedFile::open(const std::filesystem::path& file, uint64_t max_bytes, const std::string& what) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InkError(file.string() + ": cannot open " + what + " (" + std::strerror(errno) + ")");
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    const int error = errno;
    ::close(fd);
    throw InkError(file.string() + ": cannot open " + what + " (" + (S_ISDIR(info.st_mode) ? "a folder" : std::strerror(error)) + ")");
  }
  const auto size = static_cast<uint64_t>(info.st_size);
  if (size > max_bytes) {
    ::close(fd);
    throw InkError(file.string() + ": " + size_text(size) + ", over the " + size_text(max_bytes) + " " + what + " may be");
  }
  if (size == 0) {
    ::close(fd);
    return std::shared_ptr<const MappedFile>(new MappedFile(nullptr, 0));
  }
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  const int error = errno;
  ::close(fd);
  if (data == MAP_FAILED) throw InkError(file.string() + ": cannot map " + what + " (" + std::strerror(error) + ")");
  return std::shared_ptr<const MappedFile>(new MappedFile(static_cast<const uint8_t*>(data), size));
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<uint8_t*>(data_), size_);
}

}  // namespace ink
