// UNet building blocks; shapes at the top of each forward.
#include "model/unet_blocks.h"

#include <atomic>
#include <cmath>

namespace ink::unet {
namespace {

torch::nn::Conv2d conv3x3(int64_t in, int64_t out, int64_t stride = 1) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).stride(stride).padding(1));
}

torch::nn::GroupNorm group_norm(int64_t groups, int64_t channels) {
  return torch::nn::GroupNorm(torch::nn::GroupNormOptions(groups, channels).eps(1e-5));
}

// diffusers Downsample2D(use_conv=True): a stride-2 3x3 conv, named `conv`.
struct Downsample2DImpl : torch::nn::Module {
  explicit Downsample2DImpl(int64_t channels) { conv = register_module("conv", conv3x3(channels, channels, 2)); }
  torch::Tensor forward(const torch::Tensor& x) { return convolved(conv, x); }
  torch::nn::Conv2d conv{nullptr};
};
TORCH_MODULE(Downsample2D);

// diffusers Upsample2D(use_conv=True): nearest x2, then a 3x3 conv, named `conv`.
struct Upsample2DImpl : torch::nn::Module {
  explicit Upsample2DImpl(int64_t channels) { conv = register_module("conv", conv3x3(channels, channels)); }
  torch::Tensor forward(const torch::Tensor& x) {
    namespace F = torch::nn::functional;
    return convolved(conv, F::interpolate(
        x, F::InterpolateFuncOptions().scale_factor(std::vector<double>{2.0, 2.0}).mode(torch::kNearest)));
  }
  torch::nn::Conv2d conv{nullptr};
};
TORCH_MODULE(Upsample2D);

std::atomic<bool> g_onednn_inference{true};

}  // namespace

torch::Tensor convolved(torch::nn::Conv2d& conv, const torch::Tensor& x) {
  static const bool onednn = at::hasMKLDNN();
  const auto& options = conv->options;
  const auto* padding = c10::get_if<torch::ExpandingArray<2>>(&options.padding());
  const bool writing = !torch::GradMode::is_enabled() && x.is_cpu() && x.scalar_type() == torch::kFloat32;
  if (!onednn || !g_onednn_inference.load(std::memory_order_relaxed) || !padding || !writing) return conv->forward(x);
  return at::mkldnn_convolution(x, conv->weight, conv->bias, **padding, *options.stride(), *options.dilation(), options.groups());
}

TimestepEmbeddingImpl::TimestepEmbeddingImpl(int64_t in, int64_t out) {
  linear_1 = register_module("linear_1", torch::nn::Linear(in, out));
  linear_2 = register_module("linear_2", torch::nn::Linear(out, out));
}

ResnetBlock2DImpl::ResnetBlock2DImpl(int64_t in, int64_t out, int64_t temb, int64_t groups) {
  norm1 = register_module("norm1", group_norm(groups, in));
  conv1 = register_module("conv1", conv3x3(in, out));
  time_emb_proj = register_module("time_emb_proj", torch::nn::Linear(temb, out));
  norm2 = register_module("norm2", group_norm(groups, out));
  conv2 = register_module("conv2", conv3x3(out, out));
  if (in != out) conv_shortcut = register_module("conv_shortcut", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 1)));
}

torch::Tensor ResnetBlock2DImpl::forward(const torch::Tensor& x, const torch::Tensor& emb) {
  // x: [B, in, H, W]; emb: [B, temb] -> [B, out, H, W]
  torch::Tensor h = convolved(conv1, torch::silu(normed(norm1, x)));
  h = h + time_emb_proj->forward(torch::silu(emb)).unsqueeze(-1).unsqueeze(-1);
  h = convolved(conv2, torch::silu(normed(norm2, h)));
  return (conv_shortcut ? convolved(conv_shortcut, x) : x) + h;
}

SelfAttentionImpl::SelfAttentionImpl(int64_t channels, int64_t head_dim, int64_t groups) : heads(channels / head_dim) {
  group_norm = register_module("group_norm", unet::group_norm(groups, channels));
  to_q = register_module("to_q", torch::nn::Linear(channels, channels));
  to_k = register_module("to_k", torch::nn::Linear(channels, channels));
  to_v = register_module("to_v", torch::nn::Linear(channels, channels));
  to_out = register_module("to_out", torch::nn::Sequential(torch::nn::Linear(channels, channels)));
}

torch::Tensor SelfAttentionImpl::forward(const torch::Tensor& x) {
  // x: [B, C, H, W]; attention over the H*W positions in `heads` heads of C / heads channels.
  const int64_t b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3), d = c / heads;
  const torch::Tensor tokens = normed(group_norm, x).view({b, c, h * w}).transpose(1, 2);  // [B, HW, C]
  auto split = [&](const torch::Tensor& t) { return t.view({b, h * w, heads, d}).transpose(1, 2); };  // [B, heads, HW, d]
  const torch::Tensor q = split(to_q->forward(tokens)), k = split(to_k->forward(tokens)), v = split(to_v->forward(tokens));
  const torch::Tensor weights = torch::softmax(torch::matmul(q, k.transpose(-1, -2)) / std::sqrt(static_cast<double>(d)), -1);
  const torch::Tensor mixed = torch::matmul(weights, v).transpose(1, 2).reshape({b, h * w, c});
  return x + to_out->forward(mixed).transpose(1, 2).view({b, c, h, w});
}

DownBlockImpl::DownBlockImpl(int64_t in, int64_t out, int64_t temb, int64_t groups, int layers, bool downsample) {
  resnets = register_module("resnets", torch::nn::ModuleList());
  for (int i = 0; i < layers; ++i) resnets->push_back(ResnetBlock2D(i == 0 ? in : out, out, temb, groups));
  downsamplers = register_module("downsamplers", torch::nn::ModuleList());
  if (downsample) downsamplers->push_back(Downsample2D(out));
}

torch::Tensor DownBlockImpl::forward(torch::Tensor x, const torch::Tensor& emb, std::vector<torch::Tensor>& skips) {
  for (const auto& resnet : *resnets) {
    x = resnet->as<ResnetBlock2DImpl>()->forward(x, emb);
    skips.push_back(x);
  }
  for (const auto& down : *downsamplers) {
    x = down->as<Downsample2DImpl>()->forward(x);
    skips.push_back(x);
  }
  return x;
}

UpBlockImpl::UpBlockImpl(int64_t prev_out, int64_t out, int64_t skip_in, int64_t temb, int64_t groups, int layers, bool upsample) {
  resnets = register_module("resnets", torch::nn::ModuleList());
  // As diffusers' UpBlock2D: the last resnet takes the skip from the level below this one.
  for (int i = 0; i <= layers; ++i) {
    const int64_t skip = i == layers ? skip_in : out;
    resnets->push_back(ResnetBlock2D((i == 0 ? prev_out : out) + skip, out, temb, groups));
  }
  upsamplers = register_module("upsamplers", torch::nn::ModuleList());
  if (upsample) upsamplers->push_back(Upsample2D(out));
}

torch::Tensor UpBlockImpl::forward(torch::Tensor x, const torch::Tensor& emb, std::vector<torch::Tensor>& skips) {
  for (const auto& resnet : *resnets) {
    x = torch::cat({x, skips.back()}, 1);
    skips.pop_back();
    x = resnet->as<ResnetBlock2DImpl>()->forward(x, emb);
  }
  for (const auto& up : *upsamplers) x = up->as<Upsample2DImpl>()->forward(x);
  return x;
}

MidBlockImpl::MidBlockImpl(int64_t channels, int64_t temb, int64_t groups, int64_t head_dim) {
  resnets = register_module("resnets", torch::nn::ModuleList());
  attentions = register_module("attentions", torch::nn::ModuleList());
  resnets->push_back(ResnetBlock2D(channels, channels, temb, groups));
  attentions->push_back(SelfAttention(channels, head_dim, groups));
  resnets->push_back(ResnetBlock2D(channels, channels, temb, groups));
}

torch::Tensor MidBlockImpl::forward(torch::Tensor x, const torch::Tensor& emb) {
  x = resnets[0]->as<ResnetBlock2DImpl>()->forward(x, emb);
  x = attentions[0]->as<SelfAttentionImpl>()->forward(x);
  return resnets[1]->as<ResnetBlock2DImpl>()->forward(x, emb);
}

}  // namespace ink::unet

namespace ink {
void set_onednn_inference(bool on) { unet::g_onednn_inference = on; }
}  // namespace ink
