// The safetensors layout, read with a bound on every number before it is used.
#include "ink/base/tensor_file.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <limits>

#include "base/json_document.h"
#include "ink/base/error.h"
#include "ink/base/mapped_file.h"

namespace ink {
namespace {

static_assert(sizeof(uint64_t) == 8);

uint64_t read_le64(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

std::string le64(uint64_t v) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  return out;
}

// An unsigned JSON integer that fits `limit`, or an error naming `what`.
uint64_t bounded_count(const nlohmann::json& value, uint64_t limit, const std::string& what) {
  if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<int64_t>() >= 0))
    throw InkError(what + " is not a non-negative integer");
  const uint64_t v = value.get<uint64_t>();
  if (v > limit) throw InkError(what + " is " + std::to_string(v) + ", over " + std::to_string(limit));
  return v;
}

StoredTensor parse_entry(const nlohmann::json& entry, uint64_t data_size, const std::string& where) {
  if (!entry.is_object()) throw InkError(where + " is not an object");
  const auto dtype = entry.find("dtype");
  const auto shape = entry.find("shape");
  const auto offsets = entry.find("data_offsets");
  if (dtype == entry.end() || shape == entry.end() || offsets == entry.end())
    throw InkError(where + " lacks dtype, shape or data_offsets");
  StoredTensor t;
  if (!dtype->is_string() || dtype_size(dtype->get<std::string>()) == 0)
    throw InkError(where + ": unknown dtype " + dtype->dump());
  t.dtype = dtype->get<std::string>();
  if (!shape->is_array() || shape->size() > kMaxTensorRank)
    throw InkError(where + ": shape is not a list of at most " + std::to_string(kMaxTensorRank) + " sizes");
  // Each size is bounded by the largest file, and their product saturates past it (checked as
  // it grows), so nothing here or in numel() can overflow.
  uint64_t bytes = dtype_size(t.dtype);
  for (const auto& size : *shape) {
    const uint64_t n = bounded_count(size, kMaxTensorFileBytes, where + ": a size in the shape");
    t.shape.push_back(static_cast<int64_t>(n));
    bytes = n == 0 ? 0 : (bytes > kMaxTensorFileBytes / n ? kMaxTensorFileBytes + 1 : bytes * n);
  }
  if (!offsets->is_array() || offsets->size() != 2) throw InkError(where + ": data_offsets is not [begin, end]");
  t.begin = bounded_count((*offsets)[0], data_size, where + ": the begin offset");
  t.end = bounded_count((*offsets)[1], data_size, where + ": the end offset");
  if (t.end < t.begin) throw InkError(where + ": data_offsets end before they begin");
  if (t.end - t.begin != bytes)
    throw InkError(where + ": " + std::to_string(t.end - t.begin) + " bytes for a shape that needs " +
                   (bytes > kMaxTensorFileBytes ? "more than any file may hold" : std::to_string(bytes)));
  return t;
}

}  // namespace

int64_t StoredTensor::numel() const {
  if (std::find(shape.begin(), shape.end(), 0) != shape.end()) return 0;
  int64_t n = 1;  // bounded by the data's length when parsed, so this cannot overflow
  for (int64_t s : shape) n *= s;
  return n;
}

size_t dtype_size(std::string_view dtype) {
  if (dtype == "F64" || dtype == "I64" || dtype == "U64") return 8;
  if (dtype == "F32" || dtype == "I32" || dtype == "U32") return 4;
  if (dtype == "F16" || dtype == "BF16" || dtype == "I16" || dtype == "U16") return 2;
  if (dtype == "I8" || dtype == "U8" || dtype == "BOOL") return 1;
  return 0;
}

namespace {

// The file laid out over `contents`, whose bytes `file.data` then points into.
TensorFile parse_over(std::string_view contents, const std::string& where) {
  if (contents.size() < 8) throw InkError(where + ": too short for a tensor file (" + std::to_string(contents.size()) + " bytes)");
  const uint64_t header_size = read_le64(contents.data());
  if (header_size > kMaxTensorHeaderBytes || header_size > contents.size() - 8)
    throw InkError(where + ": header length " + std::to_string(header_size) + " runs past the end of the file (" +
                   std::to_string(contents.size()) + " bytes); not a tensor file, or truncated");
  const nlohmann::json header = parse_json_object(contents.substr(8, header_size), where + " (header)");
  const std::string_view data = contents.substr(8 + header_size);

  TensorFile file;
  std::vector<std::pair<uint64_t, uint64_t>> ranges;
  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") {
      if (!entry.is_object()) throw InkError(where + ": __metadata__ is not an object");
      for (const auto& [key, value] : entry.items()) {
        if (!value.is_string()) throw InkError(where + ": metadata '" + key + "' is not a string");
        file.metadata[key] = value.get<std::string>();
      }
      continue;
    }
    StoredTensor t = parse_entry(entry, data.size(), where + ": tensor '" + name + "'");
    ranges.emplace_back(t.begin, t.end);
    file.tensors.emplace(name, std::move(t));
  }
  // The ranges must tile the data exactly: no overlap (two tensors sharing bytes), no gap, no
  // bytes left over. This is the check Python's reader makes too.
  std::sort(ranges.begin(), ranges.end());
  uint64_t covered = 0;
  for (const auto& [begin, end] : ranges) {
    if (begin != covered)
      throw InkError(where + ": tensor bytes " + (begin < covered ? "overlap" : "leave a gap") + " at offset " +
                     std::to_string(std::min(begin, covered)));
    covered = end;
  }
  if (covered != data.size())
    throw InkError(where + ": " + std::to_string(data.size() - covered) + " bytes after the last tensor");
  file.data = data;
  return file;
}

}  // namespace

TensorFile parse_tensor_file(std::string_view contents, const std::string& where) {
  auto copy = std::make_shared<const std::string>(contents);
  TensorFile file = parse_over(*copy, where);
  file.storage = std::move(copy);
  return file;
}

TensorFile read_tensor_file(const std::filesystem::path& file) {
  std::shared_ptr<const MappedFile> mapped = MappedFile::open(file, kMaxTensorFileBytes, "a tensor file");
  TensorFile parsed = parse_over(std::string_view(reinterpret_cast<const char*>(mapped->data()), mapped->size()), file.string());
  parsed.storage = std::move(mapped);
  return parsed;
}

std::string encode_tensor_file(const std::map<std::string, TensorToWrite>& tensors,
                               const std::map<std::string, std::string>& metadata) {
  nlohmann::json header = nlohmann::json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  uint64_t offset = 0;
  for (const auto& [name, t] : tensors) {
    int64_t numel = 1;
    for (int64_t s : t.shape) numel *= s;
    if (static_cast<uint64_t>(numel) * dtype_size(t.dtype) != t.bytes.size() || dtype_size(t.dtype) == 0)
      throw InkError("tensor '" + name + "': " + std::to_string(t.bytes.size()) + " bytes do not hold its " + t.dtype + " shape");
    header[name] = {{"dtype", t.dtype}, {"shape", t.shape}, {"data_offsets", {offset, offset + t.bytes.size()}}};
    offset += t.bytes.size();
  }
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');
  std::string out = le64(text.size()) + text;
  out.reserve(out.size() + offset);
  for (const auto& [name, t] : tensors) out.append(t.bytes);
  return out;
}

}  // namespace ink
