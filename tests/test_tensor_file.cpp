// Tensor files (the safetensors layout): written bytes read back; every way a header can lie is
// one error naming the file; random damage is an error or a valid file, never a crash.
#include <catch2/catch.hpp>

#include <cstring>
#include <random>

#include "ink/base/error.h"
#include "ink/base/tensor_file.h"
#include "test_helpers.h"

using namespace ink;
using Catch::Matchers::Contains;

namespace {

std::string floats(std::initializer_list<float> values) {
  std::string bytes(values.size() * sizeof(float), '\0');
  std::memcpy(bytes.data(), values.begin(), bytes.size());
  return bytes;
}

// A file whose header is `header` verbatim, followed by `data`.
std::string with_header(const std::string& header, const std::string& data) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((header.size() >> (8 * i)) & 0xff);
  return out + header + data;
}

std::string error_of(const std::string& contents) {
  try {
    parse_tensor_file(contents, "w.safetensors");
  } catch (const InkError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a tensor file round-trips names, dtypes, shapes, bytes and metadata", "[tensor_file]") {
  const std::string a = floats({1, 2, 3, 4, 5, 6}), b = floats({-0.5f});
  const std::string bytes = encode_tensor_file({{"conv.weight", {"F32", {2, 3}, a}}, {"bias", {"F32", {}, b}}}, {{"format", "pt"}});
  CHECK((bytes.size() - a.size() - b.size()) % 8 == 0);  // the data starts 8-byte aligned
  const TensorFile file = parse_tensor_file(bytes, "t");
  REQUIRE(file.tensors.size() == 2);
  const StoredTensor& w = file.tensors.at("conv.weight");
  CHECK(w.dtype == "F32");
  CHECK(w.shape == std::vector<int64_t>{2, 3});
  CHECK(w.numel() == 6);
  CHECK(std::string(file.bytes(w), w.end - w.begin) == a);
  CHECK(std::string(file.bytes(file.tensors.at("bias")), 4) == b);
  CHECK(file.tensors.at("bias").shape.empty());
  CHECK(file.metadata.at("format") == "pt");

  test::TempDir dir;
  test::write_text(dir / "w.safetensors", bytes);
  CHECK(read_tensor_file(dir / "w.safetensors").tensors.size() == 2);
}

TEST_CASE("every way a tensor file's header can lie is one error naming the file", "[tensor_file][errors]") {
  const std::string eight = floats({1, 2});
  const auto entry = [](const std::string& dtype, const std::string& shape, const std::string& offsets) {
    return R"("dtype":")" + dtype + R"(","shape":)" + shape + R"(,"data_offsets":)" + offsets;
  };
  CHECK_THAT(error_of("abc"), Contains("w.safetensors: too short"));
  CHECK_THAT(error_of(std::string("\xff\xff\xff\xff\xff\xff\xff\x7f", 8) + "{}"), Contains("runs past the end"));
  CHECK_THAT(error_of(with_header("{\"a\":", eight)), Contains("w.safetensors (header): malformed JSON"));
  CHECK_THAT(error_of(with_header("[]", "")), Contains("expected a JSON object"));
  CHECK_THAT(error_of(with_header("{\"a\":{" + entry("F99", "[2]", "[0,8]") + "}}", eight)), Contains("tensor 'a': unknown dtype"));
  CHECK_THAT(error_of(with_header("{\"a\":{" + entry("F32", "[3]", "[0,8]") + "}}", eight)),
             Contains("8 bytes for a shape that needs 12"));
  CHECK_THAT(error_of(with_header("{\"a\":{" + entry("F32", "[-2]", "[0,8]") + "}}", eight)), Contains("not a non-negative integer"));
  CHECK_THAT(error_of(with_header("{\"a\":{" + entry("F32", "[4294967297]", "[0,8]") + "}}", eight)),
             Contains("a size in the shape is 4294967297, over 4294967296"));
  CHECK_THAT(error_of(with_header("{\"a\":{" + entry("F32", "[65536,65536,65536,65536]", "[0,8]") + "}}", eight)),
             Contains("needs more than any file may hold"));
  CHECK_THAT(error_of(with_header("{\"a\":{" + entry("U8", "[4096,4096]", "[0,4096]") + "}}", std::string(4096, 'x'))),
             Contains("4096 bytes for a shape that needs 16777216"));
  CHECK_THAT(error_of(with_header("{\"a\":{" + entry("F32", "[2]", "[0,9]") + "}}", eight)), Contains("the end offset is 9, over 8"));
  CHECK_THAT(error_of(with_header("{\"a\":{" + entry("F32", "[2]", "[8,0]") + "}}", eight)), Contains("end before they begin"));
  CHECK_THAT(error_of(with_header("{\"a\":{" + entry("F32", "[2]", "[0,8]") + "},\"b\":{" + entry("F32", "[1]", "[4,8]") + "}}", eight)),
             Contains("overlap at offset 4"));
  CHECK_THAT(error_of(with_header("{\"a\":{" + entry("F32", "[1]", "[4,8]") + "}}", eight)), Contains("leave a gap at offset 0"));
  CHECK_THAT(error_of(with_header("{\"a\":{" + entry("F32", "[1]", "[0,4]") + "}}", eight)), Contains("4 bytes after the last tensor"));
  CHECK_THAT(error_of(with_header("{\"a\":{\"dtype\":\"F32\"}}", eight)), Contains("lacks dtype, shape or data_offsets"));
  CHECK_THAT(error_of(with_header(R"({"__metadata__":{"k":1}})", "")), Contains("metadata 'k' is not a string"));
  CHECK(error_of(with_header("{\"a\":{" + entry("F32", "[2]", "[0,8]") + "}}", eight)).empty());
  CHECK(error_of(with_header("{\"a\":{" + entry("F32", "[0,3]", "[0,0]") + "}}", "")).empty());

  test::TempDir dir;
  try {
    read_tensor_file(dir / "missing.safetensors");
    FAIL("no error");
  } catch (const InkError& e) {
    CHECK_THAT(e.what(), Contains("missing.safetensors: cannot open"));
  }
}

TEST_CASE("random damage to a tensor file is an error or a valid file, never a crash", "[tensor_file][errors]") {
  std::map<std::string, TensorToWrite> tensors;
  const std::string a = floats({1, 2, 3, 4, 5, 6, 7, 8}), b = floats({9, 10});
  tensors["down.0.weight"] = {"F32", {2, 2, 2}, a};
  tensors["down.0.bias"] = {"F32", {2}, b};
  const std::string good = encode_tensor_file(tensors, {{"format", "pt"}});
  std::mt19937 rng(5);
  int refused = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    std::string bad = good;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % bad.size();
      switch (rng() % 3) {
        case 0: bad[at] = static_cast<char>(rng()); break;
        case 1: bad.erase(at, 1 + rng() % 8); break;
        default: bad.insert(at, 1, "0123456789[]{}\",:-e"[rng() % 19]);
      }
      if (bad.empty()) bad = "x";
    }
    try {
      const TensorFile file = parse_tensor_file(bad, "w");
      for (const auto& [name, t] : file.tensors) REQUIRE(t.end <= file.data.size());
    } catch (const InkError& e) {
      ++refused;
      CHECK(std::string(e.what()).find('\n') == std::string::npos);
    }
  }
  CHECK(refused > 1000);  // most damage is noticed; the rest only changed a value's bytes
}
