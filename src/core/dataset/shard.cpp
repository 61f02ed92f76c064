// Shard writing (streamed, header patched at the end) and reading (mapped, verified whole).
#include "ink/dataset/shard.h"

#include <cstring>

#include "base/bytes.h"
#include "ink/base/error.h"
#include "ink/base/mapped_file.h"

namespace ink {
namespace {

constexpr char kMagic[8] = {'H', 'Z', 'S', 'H', 'A', 'R', 'D', '\0'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeaderBytes = 8 + 5 * 4;
constexpr uint64_t kMaxShardBytes = uint64_t{4} << 30;

std::vector<uint8_t> header_bytes(SampleKind kind, int channels, int size, uint32_t count) {
  detail::ByteSink head;
  head.put_bytes(kMagic, sizeof kMagic);
  for (uint32_t v : {kVersion, static_cast<uint32_t>(kind), static_cast<uint32_t>(channels),
                     static_cast<uint32_t>(size), count})
    head.put(v);
  return head.bytes;
}

}  // namespace

std::string to_string(SampleKind kind) { return kind == SampleKind::stroke_step ? "stroke_step" : "whole_glyph"; }

SampleKind sample_kind_from_string(const std::string& text) {
  if (text == "stroke_step") return SampleKind::stroke_step;
  if (text == "whole_glyph") return SampleKind::whole_glyph;
  throw InkError("unknown sample kind '" + text + "' (expected stroke_step or whole_glyph)");
}

// The header's count is only known at the end, so the checksum covers planes and metadata in
// write order and then the final header; the reader hashes in the same order.
ShardWriter::ShardWriter(const std::filesystem::path& file, SampleKind kind, int channels, int size)
    : file_(file), kind_(kind), channels_(channels), size_(size), checksum_(2166136261u) {
  const auto head = header_bytes(kind, channels, size, 0);
  file_.write(head.data(), head.size());
}

void ShardWriter::add(const SampleMeta& meta, const uint8_t* planes) {
  const size_t n = static_cast<size_t>(channels_) * size_ * size_;
  file_.write(planes, n);
  checksum_ = detail::fnv1a(planes, n, checksum_);
  meta_.push_back(meta);
}

void ShardWriter::finish() {
  const size_t meta_bytes = meta_.size() * sizeof(SampleMeta);
  file_.write(meta_.data(), meta_bytes);
  uint32_t checksum = detail::fnv1a(reinterpret_cast<const uint8_t*>(meta_.data()), meta_bytes, checksum_);
  const auto head = header_bytes(kind_, channels_, size_, count());
  checksum = detail::fnv1a(head.data(), head.size(), checksum);
  file_.write(&checksum, sizeof checksum);
  file_.write_at(0, head.data(), head.size());
  file_.commit();
}

Shard Shard::read(const std::filesystem::path& file) {
  const std::string where = file.string();
  Shard shard;
  shard.bytes_ = MappedFile::open(file, kMaxShardBytes, "a dataset shard");
  const MappedFile& bytes = *shard.bytes_;
  if (bytes.size() < kHeaderBytes + 4 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    throw InkError(where + ": not a hanzi-ink dataset shard (bad magic)");
  detail::ByteSource in(bytes.data(), bytes.size() - 4, where);
  in.take(sizeof kMagic);
  const auto version = in.get<uint32_t>();
  if (version != kVersion) in.fail("shard version " + std::to_string(version) + ", expected " + std::to_string(kVersion));
  const auto kind = in.get<uint32_t>();
  if (kind != 1 && kind != 2) in.fail("unknown sample kind " + std::to_string(kind));
  shard.kind_ = static_cast<SampleKind>(kind);
  shard.channels_ = static_cast<int>(in.get<uint32_t>());
  shard.size_ = static_cast<int>(in.get<uint32_t>());
  const auto count = in.get<uint32_t>();
  if (shard.channels_ < 1 || shard.channels_ > 64 || shard.size_ < 1 || shard.size_ > 4096)
    in.fail("implausible shape " + std::to_string(shard.channels_) + "x" + std::to_string(shard.size_));
  const size_t expected = kHeaderBytes + count * (shard.sample_bytes() + sizeof(SampleMeta)) + 4;
  if (bytes.size() != expected)
    in.fail("size " + std::to_string(bytes.size()) + " bytes, expected " + std::to_string(expected) +
            " for " + std::to_string(count) + " samples (truncated?)");

  // Same order as the writer: planes and metadata, then the final header.
  const size_t body = bytes.size() - 4;
  uint32_t checksum = detail::fnv1a(bytes.data() + kHeaderBytes, body - kHeaderBytes);
  checksum = detail::fnv1a(bytes.data(), kHeaderBytes, checksum);
  uint32_t stored;
  std::memcpy(&stored, bytes.data() + body, 4);
  if (checksum != stored) in.fail("checksum mismatch (corrupted shard)");

  shard.planes_offset_ = kHeaderBytes;
  shard.meta_.resize(count);
  std::memcpy(shard.meta_.data(), bytes.data() + kHeaderBytes + count * shard.sample_bytes(), count * sizeof(SampleMeta));
  return shard;
}

const uint8_t* Shard::planes(uint32_t i) const {
  if (i >= count()) throw InkError("shard sample " + std::to_string(i) + " out of range");
  return bytes_->data() + planes_offset_ + i * sample_bytes();
}

}  // namespace ink
