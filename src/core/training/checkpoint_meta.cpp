#include "ink/training/checkpoint_meta.h"

#include <charconv>

#include "ink/base/error.h"

namespace ink {

std::map<std::string, std::string> checkpoint_metadata(const CheckpointMeta& meta) {
  return {{"format", kCheckpointFormat},
          {"version", std::to_string(kCheckpointVersion)},
          {"step", std::to_string(meta.step)},
          {"config", unet_config_to_json(meta.config)},
          {"recipe", meta.recipe_json}};
}

CheckpointMeta checkpoint_meta(const TensorFile& file, const std::string& where) {
  auto field = [&](const char* key) -> const std::string& {
    const auto it = file.metadata.find(key);
    if (it == file.metadata.end()) throw InkError(where + ": checkpoint lacks its " + key);
    return it->second;
  };
  const auto format = file.metadata.find("format");
  if (format == file.metadata.end() || format->second != kCheckpointFormat) throw InkError(where + ": not a hanzi-ink checkpoint");
  if (field("version") != std::to_string(kCheckpointVersion))
    throw InkError(where + ": checkpoint version " + field("version").substr(0, 20) + ", this build reads version " +
                   std::to_string(kCheckpointVersion));
  CheckpointMeta meta;
  const std::string& step = field("step");
  const auto [end, error] = std::from_chars(step.data(), step.data() + step.size(), meta.step);
  if (error != std::errc() || end != step.data() + step.size() || meta.step < 0)
    throw InkError(where + ": checkpoint step '" + step.substr(0, 20) + "' is not a whole number, 0 or more");
  meta.config = unet_config_from_json(field("config"), where + " (config)");
  meta.recipe_json = field("recipe");
  return meta;
}

}  // namespace ink
