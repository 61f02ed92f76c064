// UNetConfig: JSON in and out, and the checks that keep a bad config from reaching torch.
#include "ink/model/unet_config.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/json_document.h"
#include "ink/base/error.h"

namespace ink {

std::string to_string(ConditioningMode mode) {
  switch (mode) {
    case ConditioningMode::stroke: return "stroke";
    case ConditioningMode::whole: return "whole";
    case ConditioningMode::class_label: return "class";
  }
  return "?";
}

ConditioningMode conditioning_mode_from_string(const std::string& text) {
  for (auto m : {ConditioningMode::stroke, ConditioningMode::whole, ConditioningMode::class_label})
    if (to_string(m) == text) return m;
  throw InkError("mode '" + text + "' unknown (expected stroke, whole or class)");
}

int input_channels_for(ConditioningMode mode) {
  switch (mode) {
    case ConditioningMode::stroke: return 4;  // noisy stroke, canvas, skeleton, future skeletons
    case ConditioningMode::whole: return 2;   // noisy glyph, ordered skeletons
    case ConditioningMode::class_label: return 1;
  }
  return 1;
}

void UNetConfig::validate() const {
  auto fail = [](const std::string& what) { throw InkError("UNet config: " + what); };
  if (in_channels != input_channels_for(mode))
    fail("in_channels " + std::to_string(in_channels) + " does not match mode '" + to_string(mode) + "', which needs " +
         std::to_string(input_channels_for(mode)));
  if (out_channels < 1) fail("out_channels must be at least 1, got " + std::to_string(out_channels));
  if (block_out_channels.empty() || block_out_channels.size() > 6)
    fail("block_out_channels needs 1 to 6 levels, got " + std::to_string(block_out_channels.size()));
  if (layers_per_block < 1 || layers_per_block > 8) fail("layers_per_block " + std::to_string(layers_per_block) + " out of range (1..8)");
  if (norm_num_groups < 1) fail("norm_num_groups must be positive, got " + std::to_string(norm_num_groups));
  for (int c : block_out_channels) {
    if (c < 1 || c % norm_num_groups != 0)
      fail("block_out_channels entry " + std::to_string(c) + " is not a positive multiple of norm_num_groups " +
           std::to_string(norm_num_groups));
  }
  const int deepest = block_out_channels.back();
  if (attention_head_dim < 1 || deepest % attention_head_dim != 0)
    fail("the deepest block's " + std::to_string(deepest) + " channels are not divisible by attention_head_dim " +
         std::to_string(attention_head_dim));
  const int factor = 1 << (block_out_channels.size() - 1);
  if (sample_size < factor || sample_size % factor != 0)
    fail("sample_size " + std::to_string(sample_size) + " is not divisible by 2^" +
         std::to_string(block_out_channels.size() - 1) + " = " + std::to_string(factor) + " (one halving per extra level)");
  if (num_styles < 1) fail("num_styles must be at least 1, got " + std::to_string(num_styles));
  if (max_strokes < 1) fail("max_strokes must be at least 1, got " + std::to_string(max_strokes));
  if (mode == ConditioningMode::class_label && num_classes < 1)
    fail("mode 'class' needs num_classes >= 1, got " + std::to_string(num_classes));
}

int64_t UNetConfig::parameter_count() const {
  // Mirrors UNetImpl's modules (unet.cpp, unet_blocks.cpp); test_unet checks it against torch's count.
  const int64_t temb = time_embed_dim();
  const auto conv3x3 = [](int64_t in, int64_t out) { return 9 * in * out + out; };
  const auto resnet = [&](int64_t in, int64_t out) {
    return 2 * in + conv3x3(in, out) + temb * out + out + 2 * out + conv3x3(out, out) + (in != out ? in * out + out : 0);
  };
  const auto& channels = block_out_channels;
  const int levels = static_cast<int>(channels.size());
  int64_t count = conv3x3(in_channels, channels[0]) + channels[0] * temb + temb + temb * temb + temb;
  if (mode == ConditioningMode::class_label) count += (num_classes + 1) * temb;
  else count += (num_styles + 1 + (max_strokes + 1) * (mode == ConditioningMode::stroke ? 2 : 1)) * temb;
  for (int i = 0; i < levels; ++i) {
    for (int j = 0; j < layers_per_block; ++j) count += resnet(j == 0 && i > 0 ? channels[i - 1] : channels[i], channels[i]);
    if (i + 1 < levels) count += conv3x3(channels[i], channels[i]);
  }
  const int64_t deepest = channels.back();
  count += 2 * resnet(deepest, deepest) + 2 * deepest + 4 * (deepest * deepest + deepest);
  for (int level = levels - 1; level >= 0; --level) {
    const int64_t out = channels[level];
    const int64_t prev_out = level == levels - 1 ? deepest : channels[level + 1];
    const int64_t skip_in = channels[std::max(level - 1, 0)];
    for (int j = 0; j <= layers_per_block; ++j) count += resnet((j == 0 ? prev_out : out) + (j == layers_per_block ? skip_in : out), out);
    if (level > 0) count += conv3x3(out, out);
  }
  return count + 2 * channels[0] + conv3x3(channels[0], out_channels);
}

std::string config_differences(const UNetConfig& there, const UNetConfig& here) {
  const nlohmann::json a = nlohmann::json::parse(unet_config_to_json(there));
  const nlohmann::json b = nlohmann::json::parse(unet_config_to_json(here));
  std::string differences;
  for (const auto& [key, value] : a.items()) {
    if (b.at(key) == value) continue;
    if (!differences.empty()) differences += "; ";
    differences += key + " " + value.dump() + " there, " + b.at(key).dump() + " here";
  }
  return differences;
}

UNetConfig unet_config_from_json(const std::string& json_text, const std::string& where) {
  const nlohmann::json doc = parse_json_object(json_text, where);
  UNetConfig config;
  try {
    for (const auto& [key, value] : doc.items()) {
      if (key == "mode") config.mode = conditioning_mode_from_string(value.get<std::string>());
      else if (key == "sample_size") config.sample_size = json_int(value, key);
      else if (key == "in_channels") config.in_channels = json_int(value, key);
      else if (key == "out_channels") config.out_channels = json_int(value, key);
      else if (key == "block_out_channels") config.block_out_channels = json_int_list(value, key);
      else if (key == "layers_per_block") config.layers_per_block = json_int(value, key);
      else if (key == "norm_num_groups") config.norm_num_groups = json_int(value, key);
      else if (key == "attention_head_dim") config.attention_head_dim = json_int(value, key);
      else if (key == "num_styles") config.num_styles = json_int(value, key);
      else if (key == "max_strokes") config.max_strokes = json_int(value, key);
      else if (key == "num_classes") config.num_classes = json_int(value, key);
      else if (key == "prediction_type") config.prediction_type = prediction_type_from_string(value.get<std::string>());
      else if (key == "format" || key == "version") continue;
      else throw InkError("unknown key '" + key + "'");
    }
  } catch (const nlohmann::json::type_error& e) {
    throw InkError(where + ": a value has the wrong type (" + std::string(e.what()) + ")");
  } catch (const InkError& e) {
    throw InkError(where + ": " + e.what());
  }
  try {
    config.validate();
  } catch (const InkError& e) {
    throw InkError(where + ": " + e.what());
  }
  return config;
}

std::string unet_config_to_json(const UNetConfig& config) {
  const nlohmann::json doc = {
      {"format", "hanzi-ink unet"},
      {"version", 1},
      {"mode", to_string(config.mode)},
      {"sample_size", config.sample_size},
      {"in_channels", config.in_channels},
      {"out_channels", config.out_channels},
      {"block_out_channels", config.block_out_channels},
      {"layers_per_block", config.layers_per_block},
      {"norm_num_groups", config.norm_num_groups},
      {"attention_head_dim", config.attention_head_dim},
      {"num_styles", config.num_styles},
      {"max_strokes", config.max_strokes},
      {"num_classes", config.num_classes},
      {"prediction_type", to_string(config.prediction_type)},
  };
  return doc.dump(2) + "\n";
}

UNetConfig load_unet_config(const std::filesystem::path& file) {
  return unet_config_from_json(read_text_file(file, "UNet config"), file.string());
}

}  // namespace ink
