// config.json of a model: written by save_model, read before any weight is touched.
#include "ink/model/model_config.h"

#include <nlohmann/json.hpp>

#include "base/json_document.h"
#include "ink/base/error.h"
#include "ink/base/file_read.h"
#include "ink/base/utf8.h"

namespace ink {
namespace {

constexpr const char* kFormat = "hanzi-ink model";
constexpr int64_t kVersion = 2;
constexpr uint64_t kMaxConfigBytes = 16u << 20;

}  // namespace

std::string model_config_text(const ModelInfo& info) {
  nlohmann::json config;
  config["format"] = kFormat;
  config["version"] = kVersion;
  config["trained_steps"] = info.trained_steps;
  config["styles"] = info.styles;
  config["classes"] = encode_utf8(info.classes);
  if (!info.teacher_fingerprint.empty()) config["teacher_fingerprint"] = info.teacher_fingerprint;
  if (info.taught_retunings) config["taught_retunings"] = *info.taught_retunings;
  config["recipe"] = nlohmann::json::parse(training_recipe_to_json(info.recipe));
  return config.dump(2) + "\n";
}

ModelInfo parse_model_config(std::string_view text, const std::string& where) {
  const nlohmann::json config = parse_json_object(text, where);
  const auto field = [&](const char* name, bool (nlohmann::json::*is)() const noexcept) -> const nlohmann::json& {
    const auto it = config.find(name);
    if (it == config.end() || !((*it).*is)()) throw InkError(where + ": '" + name + "' is missing or of the wrong type");
    return *it;
  };
  if (field("format", &nlohmann::json::is_string) != kFormat) throw InkError(where + ": not a hanzi-ink model config");
  if (field("version", &nlohmann::json::is_number_integer) != kVersion)
    throw InkError(where + ": model version " + config.at("version").dump() + ", this build reads version " +
                   std::to_string(kVersion));
  ModelInfo info;
  info.trained_steps = field("trained_steps", &nlohmann::json::is_number_integer).get<int64_t>();
  for (const auto& style : field("styles", &nlohmann::json::is_array)) {
    if (!style.is_string()) throw InkError(where + ": a style name is not a string");
    info.styles.push_back(style.get<std::string>());
  }
  info.classes = decode_utf8(field("classes", &nlohmann::json::is_string).get<std::string>());
  if (config.contains("teacher_fingerprint"))
    info.teacher_fingerprint = field("teacher_fingerprint", &nlohmann::json::is_string).get<std::string>();
  if (config.contains("taught_retunings")) {
    info.taught_retunings.emplace();
    for (const auto& [name, brush] : field("taught_retunings", &nlohmann::json::is_object).items()) {
      if (!brush.is_string()) throw InkError(where + ": taught_retunings['" + name + "'] is not a string");
      (*info.taught_retunings)[name] = brush.get<std::string>();
    }
  }
  info.recipe = training_recipe_from_json(field("recipe", &nlohmann::json::is_object).dump(), where + " (recipe)");
  return info;
}

ModelInfo read_model_config(const std::filesystem::path& file) {
  return parse_model_config(read_file(file, kMaxConfigBytes, "the model's config"), file.string());
}

std::filesystem::path config_file_of(const std::filesystem::path& model_file) {
  return model_file.parent_path() / "config.json";
}

std::filesystem::path resolve_model_file(const std::filesystem::path& path, ConditioningMode mode) {
  if (std::filesystem::is_regular_file(path)) return path.filename() == "config.json" ? path.parent_path() / "model.safetensors" : path;
  if (!std::filesystem::is_directory(path)) throw InkError(path.string() + ": no such model file or directory");
  for (const std::filesystem::path& dir : {path, path / to_string(mode)})
    for (const char* name : {"model.safetensors", "model.pt"})
      if (std::filesystem::is_regular_file(dir / name)) return dir / name;
  throw InkError(path.string() + ": no model.safetensors, and no " + to_string(mode) + "/model.safetensors for mode '" +
                 to_string(mode) + "' (train one with ink-train)");
}

}  // namespace ink
