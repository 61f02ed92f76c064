// The detail stage's config (writing/detail_stage.h): the size it draws at and its layers, in
// config.json beside its weights. No torch.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ink {

struct DetailConfig {
  int size = 256;                          // pixels the stroke is drawn at
  int channels = 24;                       // of each hidden layer
  std::vector<int> dilations{1, 2, 4, 1};  // a 3x3 layer each, after the first: 23 px of context
};

// Throws InkError "WHERE: ..." for another format or version, or a size, channel count or
// dilation out of range.
DetailConfig parse_detail_config(std::string_view text, const std::string& where);
std::string detail_config_text(const DetailConfig& config, int64_t trained_steps, int64_t trained_strokes);

}  // namespace ink
