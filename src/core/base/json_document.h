// Reading the project's JSON documents (configs, recipes, styles, manifests, stroke data) with
// errors that name where. Internal to src/core.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ink {

// Parses `text` as JSON; throws InkError "WHERE: malformed JSON at byte N", or naming what is
// wrong with a value the parser cannot hold ("WHERE: number overflow parsing '1e999'").
nlohmann::json parse_json(std::string_view text, const std::string& where);
// The same, and the document must be an object: "WHERE: expected a JSON object".
nlohmann::json parse_json_object(std::string_view text, const std::string& where);
// Typed reads that refuse what would not fit, naming `key` ("'steps' is 1.5, expected a whole
// number"), where nlohmann's get<int>() or get<float>() would convert 1e20 or 1e300 with
// undefined behaviour.
int json_int(const nlohmann::json& value, const std::string& key);
uint64_t json_uint64(const nlohmann::json& value, const std::string& key);
float json_float(const nlohmann::json& value, const std::string& key);
std::vector<int> json_int_list(const nlohmann::json& value, const std::string& key);
std::vector<float> json_float_list(const nlohmann::json& value, const std::string& key);

// The whole file as text, at most 64 MiB (the largest, a learnt hand, is about 70 KB); throws
// InkError "FILE: cannot open WHAT (REASON)" or names its size.
inline constexpr uint64_t kMaxJsonFileBytes = uint64_t{64} << 20;
std::string read_text_file(const std::filesystem::path& file, const std::string& what);

}  // namespace ink
