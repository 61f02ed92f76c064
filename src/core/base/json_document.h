// Reading the project's small JSON documents (configs, recipes) with errors that name where.
// Internal to src/core.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace ink {

// Parses `text` as a JSON object; throws InkError "WHERE: malformed JSON at byte N" or
// "WHERE: expected a JSON object".
nlohmann::json parse_json_object(const std::string& text, const std::string& where);
// The whole file as text; throws InkError "FILE: cannot open WHAT".
std::string read_text_file(const std::filesystem::path& file, const std::string& what);

}  // namespace ink
