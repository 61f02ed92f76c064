// The UNet's building blocks (internal): ResNet block, mid-block self-attention, resampling,
// and the down/up/mid blocks that group them, named like diffusers' modules.
#pragma once
#include <torch/torch.h>

namespace ink::unet {

// A group norm in float32 whatever `x` is. Under bf16 autocast (mixed-precision training) the
// convolutions hand on bf16, and libtorch 1.13's CPU kernel refuses a bf16 input with float32
// weights; autocast keeps norms in float32 anyway.
inline torch::Tensor normed(torch::nn::GroupNorm& norm, const torch::Tensor& x) {
  return norm->forward(x.scalar_type() == torch::kBFloat16 ? x.to(torch::kFloat32) : x);
}

// A convolution through oneDNN whenever the model is writing (float32 on the CPU, no gradients).
// libtorch 1.13 sends a batch-1 3x3 convolution with fewer than 20,480 input values (the UNet's
// 16 and 8 px levels) to its im2col path instead, which runs on one core. Training keeps
// libtorch's own choice.
torch::Tensor convolved(torch::nn::Conv2d& conv, const torch::Tensor& x);

// diffusers TimestepEmbedding: linear_1, SiLU, linear_2.
struct TimestepEmbeddingImpl : torch::nn::Module {
  TimestepEmbeddingImpl(int64_t in, int64_t out);
  torch::Tensor forward(const torch::Tensor& x) { return linear_2->forward(torch::silu(linear_1->forward(x))); }
  torch::nn::Linear linear_1{nullptr}, linear_2{nullptr};
};
TORCH_MODULE(TimestepEmbedding);

// diffusers ResnetBlock2D: norm1, SiLU, conv1, + time_emb_proj(emb), norm2, SiLU, conv2, + shortcut.
struct ResnetBlock2DImpl : torch::nn::Module {
  ResnetBlock2DImpl(int64_t in, int64_t out, int64_t temb, int64_t groups);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& emb);
  torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv_shortcut{nullptr};
  torch::nn::Linear time_emb_proj{nullptr};
};
TORCH_MODULE(ResnetBlock2D);

// diffusers Attention over the H*W positions, with a residual connection.
struct SelfAttentionImpl : torch::nn::Module {
  SelfAttentionImpl(int64_t channels, int64_t head_dim, int64_t groups);
  torch::Tensor forward(const torch::Tensor& x);
  int64_t heads;
  torch::nn::GroupNorm group_norm{nullptr};
  torch::nn::Linear to_q{nullptr}, to_k{nullptr}, to_v{nullptr};
  torch::nn::Sequential to_out{nullptr};
};
TORCH_MODULE(SelfAttention);

struct DownBlockImpl : torch::nn::Module {
  DownBlockImpl(int64_t in, int64_t out, int64_t temb, int64_t groups, int layers, bool downsample);
  // Appends each output (and the downsampled one) to `skips`.
  torch::Tensor forward(torch::Tensor x, const torch::Tensor& emb, std::vector<torch::Tensor>& skips);
  torch::nn::ModuleList resnets{nullptr}, downsamplers{nullptr};
};
TORCH_MODULE(DownBlock);

struct UpBlockImpl : torch::nn::Module {
  UpBlockImpl(int64_t prev_out, int64_t out, int64_t skip_in, int64_t temb, int64_t groups, int layers, bool upsample);
  // Consumes skips from the back of `skips`, one per resnet.
  torch::Tensor forward(torch::Tensor x, const torch::Tensor& emb, std::vector<torch::Tensor>& skips);
  torch::nn::ModuleList resnets{nullptr}, upsamplers{nullptr};
};
TORCH_MODULE(UpBlock);

struct MidBlockImpl : torch::nn::Module {
  MidBlockImpl(int64_t channels, int64_t temb, int64_t groups, int64_t head_dim);
  torch::Tensor forward(torch::Tensor x, const torch::Tensor& emb);
  torch::nn::ModuleList resnets{nullptr}, attentions{nullptr};
};
TORCH_MODULE(MidBlock);

}  // namespace ink::unet
