// Parsing with errors that name where, typed reads that refuse what does not fit, read_text_file.
#include "base/json_document.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "ink/base/error.h"
#include "ink/base/file_read.h"

namespace ink {

nlohmann::json parse_json(std::string_view text, const std::string& where) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw InkError(where + ": malformed JSON at byte " + std::to_string(e.byte));
  } catch (const nlohmann::json::exception& e) {
    // "[json.exception.out_of_range.406] number overflow parsing '1e999'": keep what follows the tag.
    const std::string text_of = e.what();
    const size_t tag_end = text_of.find("] ");
    throw InkError(where + ": " + (tag_end == std::string::npos ? text_of : text_of.substr(tag_end + 2)));
  }
}

nlohmann::json parse_json_object(std::string_view text, const std::string& where) {
  nlohmann::json doc = parse_json(text, where);
  if (!doc.is_object()) throw InkError(where + ": expected a JSON object");
  return doc;
}

namespace {

// A value as an error message quotes it: short, however long the value.
std::string brief(const nlohmann::json& value) {
  const std::string text = value.dump();
  return text.size() <= 40 ? text : text.substr(0, 37) + "...";
}

}  // namespace

int json_int(const nlohmann::json& value, const std::string& key) {
  if (value.is_number_unsigned() && value.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int>::max()))
    return static_cast<int>(value.get<uint64_t>());
  if (value.is_number_integer() && !value.is_number_unsigned() && value.get<int64_t>() >= std::numeric_limits<int>::min() &&
      value.get<int64_t>() <= std::numeric_limits<int>::max())
    return static_cast<int>(value.get<int64_t>());
  throw InkError("'" + key + "' is " + brief(value) + ", expected a whole number within " +
                 std::to_string(std::numeric_limits<int>::min()) + ".." + std::to_string(std::numeric_limits<int>::max()));
}

uint64_t json_uint64(const nlohmann::json& value, const std::string& key) {
  if (value.is_number_unsigned()) return value.get<uint64_t>();
  if (value.is_number_integer() && value.get<int64_t>() >= 0) return static_cast<uint64_t>(value.get<int64_t>());
  throw InkError("'" + key + "' is " + brief(value) + ", expected a whole number, 0 or more");
}

float json_float(const nlohmann::json& value, const std::string& key) {
  if (value.is_number()) {
    const double v = value.get<double>();
    if (std::isfinite(v) && std::fabs(v) <= std::numeric_limits<float>::max()) return static_cast<float>(v);
  }
  throw InkError("'" + key + "' is " + brief(value) + ", expected a finite number");
}

std::vector<int> json_int_list(const nlohmann::json& value, const std::string& key) {
  if (!value.is_array()) throw InkError("'" + key + "' is " + brief(value) + ", expected a list of whole numbers");
  std::vector<int> out;
  for (const auto& v : value) out.push_back(json_int(v, key));
  return out;
}

std::vector<float> json_float_list(const nlohmann::json& value, const std::string& key) {
  if (!value.is_array()) throw InkError("'" + key + "' is not a list of numbers");
  std::vector<float> out;
  out.reserve(value.size());
  for (const auto& v : value) out.push_back(json_float(v, key));
  return out;
}

std::string read_text_file(const std::filesystem::path& file, const std::string& what) {
  return read_file(file, kMaxJsonFileBytes, what);
}

}  // namespace ink
