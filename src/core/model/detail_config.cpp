#include "ink/model/detail_config.h"

#include "base/json_document.h"
#include "ink/base/error.h"

namespace ink {
namespace {

constexpr const char* kFormat = "hanzi-ink detail";
constexpr int kVersion = 1;

}  // namespace

DetailConfig parse_detail_config(std::string_view text, const std::string& where) {
  const nlohmann::json json = parse_json_object(text, where);
  // Looked up by hand: json.value() throws nlohmann's type_error for a "format" that is no string.
  const auto format = json.find("format");
  if (format == json.end() || !format->is_string() || format->get<std::string>() != kFormat)
    throw InkError(where + ": not a hanzi-ink detail stage config");
  if (!json.contains("version") || !json["version"].is_number_integer() || json["version"].get<int64_t>() != kVersion)
    throw InkError(where + ": detail stage version " + (json.contains("version") ? json["version"].dump() : "?") +
                   ", this build reads version " + std::to_string(kVersion));
  if (!json.contains("size") || !json.contains("channels") || !json.contains("dilations"))
    throw InkError(where + ": needs size, channels and dilations");
  DetailConfig config;
  try {
    config.size = json_int(json["size"], "size");
    config.channels = json_int(json["channels"], "channels");
    config.dilations = json_int_list(json["dilations"], "dilations");
  } catch (const InkError& e) {
    throw InkError(where + ": " + e.what());
  }
  if (config.size < 64 || config.size > 1024) throw InkError(where + ": size " + std::to_string(config.size) + " out of range (64..1024)");
  if (config.channels < 1 || config.channels > 128)
    throw InkError(where + ": channels " + std::to_string(config.channels) + " out of range (1..128)");
  if (config.dilations.empty() || config.dilations.size() > 12)
    throw InkError(where + ": 1 to 12 dilations, not " + std::to_string(config.dilations.size()));
  for (int d : config.dilations)
    if (d < 1 || d > 16) throw InkError(where + ": dilation " + std::to_string(d) + " out of range (1..16)");
  return config;
}

std::string detail_config_text(const DetailConfig& config, int64_t trained_steps, int64_t trained_strokes) {
  const nlohmann::json json = {{"format", kFormat},          {"version", kVersion},
                               {"size", config.size},        {"channels", config.channels},
                               {"dilations", config.dilations}, {"trained_steps", trained_steps},
                               {"trained_strokes", trained_strokes}};
  return json.dump(2) + "\n";
}

}  // namespace ink
