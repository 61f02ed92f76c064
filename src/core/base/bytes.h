// Little-endian binary reading for the packed formats (stroke pack, shards). Internal header.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "ink/base/error.h"

namespace ink::detail {

// FNV-1a: cheap, stable, good enough to catch truncation and bit rot in our own files.
inline uint32_t fnv1a(const uint8_t* data, size_t n, uint32_t h = 2166136261u) {
  for (size_t i = 0; i < n; ++i) h = (h ^ data[i]) * 16777619u;
  return h;
}

class ByteSink {
 public:
  template <typename T>
  void put(T value) {
    const auto* p = reinterpret_cast<const uint8_t*>(&value);
    bytes.insert(bytes.end(), p, p + sizeof(T));
  }
  void put_bytes(const void* data, size_t n) {
    const auto* p = static_cast<const uint8_t*>(data);
    bytes.insert(bytes.end(), p, p + n);
  }
  std::vector<uint8_t> bytes;
};

class ByteSource {
 public:
  ByteSource(const uint8_t* data, size_t size, std::string where) : data_(data), size_(size), where_(std::move(where)) {}
  template <typename T>
  T get() {
    need(sizeof(T));
    T value;
    std::memcpy(&value, data_ + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }
  const uint8_t* take(size_t n) {
    need(n);
    const uint8_t* p = data_ + pos_;
    pos_ += n;
    return p;
  }
  size_t position() const { return pos_; }
  size_t remaining() const { return size_ - pos_; }
  [[noreturn]] void fail(const std::string& what) const { throw InkError(where_ + ": " + what); }

 private:
  void need(size_t n) const {
    if (n > size_ - pos_)
      fail("truncated (needs " + std::to_string(pos_ + n) + " bytes, has " + std::to_string(size_) + ")");
  }
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  std::string where_;
};

}  // namespace ink::detail
