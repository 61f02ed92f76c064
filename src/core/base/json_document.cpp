// parse_json_object and read_text_file.
#include "base/json_document.h"

#include <fstream>
#include <sstream>

#include "ink/base/error.h"

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

std::string read_text_file(const std::filesystem::path& file, const std::string& what) {
  std::ifstream in(file);
  if (!in) throw InkError(file.string() + ": cannot open " + what);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace ink
