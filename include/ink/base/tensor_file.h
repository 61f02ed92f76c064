// Tensor files in the safetensors layout: an 8-byte little-endian header length, a JSON header
// naming each tensor's dtype, shape and byte range, then the raw bytes. Nothing in the file is
// executed or trusted: every length, offset and shape is checked before it is used, so a damaged
// or hostile file is one clear error. Python reads the same files with safetensors' load_file.
// No torch here: the model side copies the bytes into parameters (model/model_file.cpp).
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ink {

// Limits a file must meet before anything is allocated for it.
constexpr uint64_t kMaxTensorFileBytes = uint64_t{4} << 30;  // 4 GiB
constexpr uint64_t kMaxTensorHeaderBytes = 100u << 20;       // safetensors' own limit
constexpr size_t kMaxTensorRank = 8;

struct StoredTensor {
  std::string dtype;           // "F32", "F16", "BF16", "F64", "I64", "I32", "I16", "I8", "U8", "BOOL"
  std::vector<int64_t> shape;  // empty: a scalar
  uint64_t begin = 0, end = 0;  // byte range within the data that follows the header
  int64_t numel() const;
};

struct TensorFile {
  std::map<std::string, std::string> metadata;  // the header's "__metadata__" (strings only)
  std::map<std::string, StoredTensor> tensors;
  std::string_view data;                 // every tensor's bytes, back to back, in `storage`
  std::shared_ptr<const void> storage;   // the mapped file, or a copy of the bytes parsed
  const char* bytes(const StoredTensor& tensor) const { return data.data() + tensor.begin; }
};

// Bytes per element of a dtype the format names; 0 for a name it does not.
size_t dtype_size(std::string_view dtype);

// Parses a whole file's bytes. Throws InkError "WHERE: ..." for anything not laid out as the
// format says: a header longer than the file, malformed JSON, an unknown dtype, a shape whose
// size does not match its byte range, ranges that overlap, leave gaps or run past the end.
TensorFile parse_tensor_file(std::string_view contents, const std::string& where);
// Maps and parses `file`, refusing files over kMaxTensorFileBytes. The tensors' bytes stay in the
// mapping, not read and copied: a model opens without first zeroing and filling 10 MB twice.
TensorFile read_tensor_file(const std::filesystem::path& file);

// The bytes of a tensor file holding `tensors` (ranges assigned here, in the map's order; the
// header is padded with spaces so the data starts 8-byte aligned) and `metadata`.
struct TensorToWrite {
  std::string dtype;
  std::vector<int64_t> shape;
  std::string_view bytes;
};
std::string encode_tensor_file(const std::map<std::string, TensorToWrite>& tensors,
                               const std::map<std::string, std::string>& metadata);

}  // namespace ink
