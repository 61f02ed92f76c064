// parse_json_object and read_text_file.
#include "base/json_document.h"

#include <fstream>
#include <sstream>

#include "ink/base/error.h"

namespace ink {

nlohmann::json parse_json_object(const std::string& text, const std::string& where) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw InkError(where + ": malformed JSON at byte " + std::to_string(e.byte));
  }
  if (!doc.is_object()) throw InkError(where + ": expected a JSON object");
  return doc;
}

std::string read_text_file(const std::filesystem::path& file, const std::string& what) {
  std::ifstream in(file);
  if (!in) throw InkError(file.string() + ": cannot open " + what);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace ink
