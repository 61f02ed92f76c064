// Dataset shards: many same-shaped samples of uint8 planes plus per-sample metadata, in one
// file a training loop can read whole (or map) and hand to torch without copying per sample.
// Format v1: "HZSHARD\0" u32 version, kind, channels, size, count | planes (count x C x S x S)
//            | meta (count x 12 bytes) | u32 FNV-1a of everything before.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ink/base/atomic_file.h"
#include "ink/base/mapped_file.h"

namespace ink {

enum class SampleKind : uint32_t { stroke_step = 1, whole_glyph = 2 };
std::string to_string(SampleKind kind);
SampleKind sample_kind_from_string(const std::string& text);

struct SampleMeta {
  uint32_t codepoint = 0;
  uint16_t step = 0;          // stroke k (0 for whole glyphs)
  uint16_t stroke_count = 0;  // N
  uint16_t style = 0;         // index into the manifest's styles
  uint16_t reserved = 0;
};
static_assert(sizeof(SampleMeta) == 12, "shard metadata is 12 bytes on disk");

class ShardWriter {
 public:
  ShardWriter(const std::filesystem::path& file, SampleKind kind, int channels, int size);
  void add(const SampleMeta& meta, const uint8_t* planes);
  uint32_t count() const { return static_cast<uint32_t>(meta_.size()); }
  void finish();  // writes the metadata and checksum, then renames into place

 private:
  AtomicFile file_;
  SampleKind kind_;
  int channels_, size_;
  std::vector<SampleMeta> meta_;
  uint32_t checksum_;
};

class Shard {
 public:
  // Verifies magic, version, sizes and checksum; throws InkError naming the file otherwise.
  static Shard read(const std::filesystem::path& file);

  SampleKind kind() const { return kind_; }
  int channels() const { return channels_; }
  int size() const { return size_; }
  uint32_t count() const { return static_cast<uint32_t>(meta_.size()); }
  const SampleMeta& meta(uint32_t i) const { return meta_.at(i); }
  const std::vector<SampleMeta>& metas() const { return meta_; }
  const uint8_t* planes(uint32_t i) const;
  size_t sample_bytes() const { return static_cast<size_t>(channels_) * size_ * size_; }

 private:
  SampleKind kind_ = SampleKind::stroke_step;
  int channels_ = 0, size_ = 0;
  std::vector<SampleMeta> meta_;
  std::shared_ptr<const MappedFile> bytes_;  // shared with the other processes that read it
  size_t planes_offset_ = 0;
};

}  // namespace ink
