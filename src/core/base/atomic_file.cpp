// AtomicFile: temporary file in the target's directory (so rename is atomic), mode 0644.
#include "ink/base/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "ink/base/error.h"

namespace ink {

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  if (std::filesystem::is_directory(target_)) {
    throw InkError("cannot write '" + target_.string() + "': it is a directory");
  }
  temporary_ = target_;
  temporary_ += ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("");
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    ::close(fd);
    fail("");
  }
}

AtomicFile::~AtomicFile() {
  if (file_) std::fclose(file_);
  std::error_code ignored;  // nothing useful to do if cleanup fails during unwinding
  if (!committed_) std::filesystem::remove(temporary_, ignored);
}

void AtomicFile::fail(const char* what) const {
  const std::string reason = errno ? std::strerror(errno) : what;
  throw InkError("cannot write '" + target_.string() + "': " + (*what ? std::string(what) + ": " : "") + reason);
}

void AtomicFile::write(const void* data, size_t bytes) {
  if (bytes && std::fwrite(data, 1, bytes, file_) != bytes) fail("write failed");
  written_ += bytes;
}

void AtomicFile::write_at(uint64_t offset, const void* data, size_t bytes) {
  if (std::fseek(file_, static_cast<long>(offset), SEEK_SET) != 0) fail("seek failed");
  if (std::fwrite(data, 1, bytes, file_) != bytes) fail("write failed");
  if (std::fseek(file_, 0, SEEK_END) != 0) fail("seek failed");
}

void AtomicFile::commit() {
  errno = 0;
  if (std::fflush(file_) != 0) fail("flush failed");
  if (::fsync(::fileno(file_)) != 0) fail("sync failed");
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (closed != 0) fail("close failed");
  if (std::rename(temporary_.c_str(), target_.c_str()) != 0) fail("rename failed");
  committed_ = true;
}

void write_file_atomic(const std::filesystem::path& target, std::string_view bytes) {
  AtomicFile file(target);
  file.write(bytes);
  file.commit();
}

}  // namespace ink
