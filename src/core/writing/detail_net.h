// The detail stage's net and its input, shared by drawing (detail_stage.cpp) and training
// (training/detail_training.cpp). Torch.
#pragma once
#include <torch/torch.h>

#include "ink/writing/detail_stage.h"

namespace ink {

// Input planes at the detail size over a stroke's box: the stroke's crisp display coverage
// (display_coverage.h), its plain bilinear enlargement (the grey the crisp edge drops) and its
// skeleton; `left`, `top`: where the box sits.
struct DetailInput {
  torch::Tensor planes;  // [3, h, w]
  int left = 0, top = 0;
};
// The box holds the stroke's ink and its skeleton, widened by `margin` detail pixels, and
// `also` where given (training: the outline's ink too). Ink is what the crisp display shows or
// the plain enlargement holds at 0.15 and more: a written stroke's faint haze, which reaches
// 0.02 far from the stroke, made the box and the net's work about four times larger for the
// same drawing (docs/model.md, Speed).
DetailInput detail_input(const Coverage& stroke, const Polyline& median, int size, Rasterizer& rasterizer, int margin = 8,
                         const Coverage* also = nullptr);

struct DetailNetImpl : torch::nn::Module {
  explicit DetailNetImpl(const DetailConfig& config);
  // Logits of the stroke's coverage at the detail size: the crisp edge's, corrected.
  torch::Tensor forward(const torch::Tensor& planes);
  torch::nn::Sequential body{nullptr};
};
TORCH_MODULE(DetailNet);

// Weights by name, as the safetensors file stores them.
void save_detail_net(const std::filesystem::path& dir, const DetailConfig& config, DetailNetImpl& net, int64_t trained_steps,
                     int64_t trained_strokes);

}  // namespace ink
