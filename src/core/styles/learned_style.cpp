// Learned style files: versioned JSON, written atomically.
#include "ink/styles/learned_style.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/bytes.h"
#include "base/json_document.h"
#include "styles/layout_json.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"

namespace ink {

std::filesystem::path learned_styles_dir(const std::filesystem::path& model_file) { return model_file.parent_path() / "styles"; }

std::filesystem::path learned_style_file(const std::filesystem::path& model_file, const std::string& name) {
  return learned_styles_dir(model_file) / (name + ".style.json");
}

std::vector<std::filesystem::path> learned_style_files(const std::filesystem::path& model_file) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (std::filesystem::directory_iterator it(learned_styles_dir(model_file), error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.size() > 11 && name.compare(name.size() - 11, 11, ".style.json") == 0) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void check_style_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 64 && name[0] != '-' && name[0] != '.';
  for (unsigned char c : name) ok = ok && (std::isalnum(c) || c == '-' || c == '_' || c >= 0x80);
  if (!ok) throw InkError("style name '" + name + "': use letters, digits, '-' and '_' (it names a file)");
}

namespace {

// One line per list, each number with the 9 digits that give the float back exactly: the
// adapter's 4,928 numbers one per line in full double form made a 120 KB file.
std::string float_list(const std::vector<float>& values) {
  std::string out = "[";
  char number[32];
  for (size_t i = 0; i < values.size(); ++i) {
    std::snprintf(number, sizeof number, "%s%.9g", i ? ", " : "", static_cast<double>(values[i]));
    out += number;
  }
  return out + "]";
}

}  // namespace

std::string brush_fingerprint(const LearnedStyle& style) {
  std::string bytes(reinterpret_cast<const char*>(style.embedding.data()), style.embedding.size() * sizeof(float));
  for (const auto& [name, values] : style.adapter) {
    bytes += name;
    bytes.push_back('\0');
    bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
  }
  return detail::fingerprint_of(bytes);
}

void save_learned_style(const std::filesystem::path& file, const LearnedStyle& style) {
  nlohmann::json fields = {
      {"format", "hanzi-ink learned style"}, {"version", 1},
      {"name", style.name}, {"started_from", style.started_from}, {"retunes", style.retunes},
      {"base_trained_steps", style.base_trained_steps}, {"characters", style.characters},
      {"images", style.images}, {"steps", style.steps}, {"seconds", style.seconds}, {"final_loss", style.final_loss},
  };
  if (!style.base_fingerprint.empty()) fields["base_fingerprint"] = style.base_fingerprint;
  if (style.layout) fields["layout"] = layout_to_json(*style.layout);
  if (!style.structure_row.empty()) fields["structure_row"] = style.structure_row;
  std::string text = "{\n";
  for (const auto& [key, value] : fields.items()) text += " " + nlohmann::json(key).dump() + ": " + value.dump() + ",\n";
  text += " \"embedding\": " + float_list(style.embedding) + ",\n \"adapter\": {";
  const char* separator = "\n";
  for (const auto& [name, values] : style.adapter) {
    text += separator + ("  " + nlohmann::json(name).dump()) + ": " + float_list(values);
    separator = ",\n";
  }
  text += style.adapter.empty() ? "}\n}\n" : "\n }\n}\n";
  std::error_code error;
  std::filesystem::create_directories(file.parent_path(), error);
  if (error) throw InkError("cannot write '" + file.string() + "': " + error.message());
  write_file_atomic(file, text);
}

LearnedStyle load_learned_style(const std::filesystem::path& file) {
  return parse_learned_style(read_text_file(file, "style"), file.string());
}

LearnedStyle parse_learned_style(std::string_view text, const std::string& where) {
  const nlohmann::json doc = parse_json_object(text, where);
  try {
    const auto whole = [&](const char* key) { return doc.contains(key) ? json_int(doc.at(key), key) : 0; };
    if (doc.value("format", "") != "hanzi-ink learned style" || whole("version") != 1)
      throw InkError("not a hanzi-ink learned style (version 1)");
    LearnedStyle style;
    style.name = doc.at("name").get<std::string>();
    style.embedding = json_float_list(doc.at("embedding"), "embedding");
    if (doc.contains("adapter") && !doc.at("adapter").is_object()) throw InkError("'adapter' is not an object");
    if (doc.contains("adapter"))
      for (const auto& [name, values] : doc.at("adapter").items()) style.adapter[name] = json_float_list(values, "adapter." + name);
    style.started_from = doc.value("started_from", "");
    style.retunes = doc.value("retunes", doc.value("refines", false));  // "refines": the key's name in earlier files
    style.base_trained_steps = doc.contains("base_trained_steps")
                                   ? static_cast<int64_t>(std::min<uint64_t>(json_uint64(doc.at("base_trained_steps"), "base_trained_steps"), INT64_MAX))
                                   : 0;
    style.base_fingerprint = doc.value("base_fingerprint", "");
    style.characters = doc.value("characters", "");
    style.images = whole("images");
    style.steps = whole("steps");
    style.seconds = doc.value("seconds", 0.0);
    style.final_loss = doc.value("final_loss", 0.0);
    if (doc.contains("layout")) style.layout = layout_from_json(doc.at("layout"));
    if (doc.contains("structure_row")) style.structure_row = json_float_list(doc.at("structure_row"), "structure_row");
    check_style_name(style.name);
    return style;
  } catch (const nlohmann::json::exception& e) {
    throw InkError(where + ": broken style file (" + e.what() + ")");
  } catch (const InkError& e) {
    throw InkError(where + ": " + e.what());
  }
}

void check_hand_name(const std::filesystem::path& file, const LearnedStyle& style, const std::vector<std::string>& names,
                     size_t trained) {
  const size_t same_name = static_cast<size_t>(std::find(names.begin(), names.end(), style.name) - names.begin());
  if (!style.retunes && same_name < names.size())
    throw InkError(file.string() + ": style '" + style.name + "' is already one of the model's styles");
  if (style.retunes && (same_name == 0 || same_name >= trained))
    throw InkError(file.string() + ": retunes '" + style.name + "', which is not one of the model's trained styles " +
                   "other than the data's own hand");
}

std::vector<std::string> listed_style_names(const std::vector<std::string>& trained, const std::filesystem::path& model_file) {
  std::vector<std::string> names = trained;
  for (const std::filesystem::path& file : learned_style_files(model_file)) {
    const LearnedStyle style = load_learned_style(file);
    check_hand_name(file, style, names, trained.size());
    if (!style.retunes) names.push_back(style.name);
  }
  return names;
}

}  // namespace ink
