// config.json of a model: written by save_model, read before any weight is touched.
#include "ink/model/model_config.h"

#include <nlohmann/json.hpp>

#include "base/json_document.h"
#include "ink/base/error.h"
#include "ink/base/utf8.h"

namespace ink {
namespace {

constexpr const char* kFormat = "hanzi-ink model";
constexpr int64_t kVersion = 2;

}  // namespace

std::string model_config_text(const ModelInfo& info) {
  nlohmann::json config;
  config["format"] = kFormat;
  config["version"] = kVersion;
  config["trained_steps"] = info.trained_steps;
  config["styles"] = info.styles;
  config["classes"] = encode_utf8(info.classes);
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
  info.recipe = training_recipe_from_json(field("recipe", &nlohmann::json::is_object).dump(), where + " (recipe)");
  return info;
}

}  // namespace ink
