// Little-endian binary reading for the packed formats (stroke pack, shards), and the checksums and
// fingerprints that name their contents. Internal header.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "ink/base/error.h"

namespace ink::detail {

// FNV-1a: cheap, stable, good enough to catch truncation and bit rot in our own files.
inline uint32_t fnv1a(const uint8_t* data, size_t n, uint32_t h = 2166136261u) {
  for (size_t i = 0; i < n; ++i) h = (h ^ data[i]) * 16777619u;
  return h;
}

// FNV-1a 64 over 8-byte words in four interleaved lanes, folded at the end: one multiply chain
// per lane runs 10 MB of model weights in about 1 ms, where fnv1a's single byte chain takes 10.
inline uint64_t fnv1a_words(const char* data, size_t n) {
  constexpr uint64_t kPrime = 1099511628211u;
  uint64_t lanes[4] = {14695981039346656037u, 1, 2, 3};
  const size_t words = n / 8;
  for (size_t i = 0; i < words; ++i) {
    uint64_t word;
    std::memcpy(&word, data + 8 * i, 8);
    uint64_t& lane = lanes[i % 4];
    lane = (lane ^ word) * kPrime;
  }
  uint64_t h = n;
  for (size_t i = 8 * words; i < n; ++i) h = (h ^ static_cast<uint8_t>(data[i])) * kPrime;
  for (uint64_t lane : lanes) h = (h ^ lane) * kPrime;
  return h;
}

// fnv1a_words as 16 hex digits: how a model's weights and a style's brush are named in files.
inline std::string fingerprint_of(std::string_view bytes) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a_words(bytes.data(), bytes.size())));
  return hex;
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
