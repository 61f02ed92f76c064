// The detail stage: its config and weights on disk, its input planes, and drawing a stroke.
#include "ink/writing/detail_stage.h"

#include <cmath>
#include <cstring>

#include "base/json_document.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/tensor_file.h"
#include "ink/dataset/stroke_step.h"
#include "ink/render/display_coverage.h"
#include "model/stored_tensors.h"
#include "writing/detail_net.h"

namespace ink {
namespace {

// The net's logits as coverage with a one-pixel anti-aliased edge where they cross 0, as the
// crisp display draws one (display_coverage.h), after a [1 2 1] smoothing that evens out
// single-pixel wiggles; a sigmoid's soft band would show as a pale fringe once enlarged.
torch::Tensor edge_coverage(const torch::Tensor& logits) {
  namespace F = torch::nn::functional;
  const torch::Tensor taps = torch::tensor({1.0f, 2.0f, 1.0f}) / 4;
  const torch::Tensor smoothing = (taps.view({3, 1}) * taps.view({1, 3})).view({1, 1, 3, 3});
  const torch::Tensor padded = F::pad(logits, F::PadFuncOptions({1, 1, 1, 1}).mode(torch::kReplicate));
  const torch::Tensor smooth = torch::conv2d(padded, smoothing);
  const torch::Tensor around = F::pad(smooth, F::PadFuncOptions({1, 1, 1, 1}).mode(torch::kReplicate));
  const int64_t h = smooth.size(2), w = smooth.size(3);
  const torch::Tensor gx = (around.narrow(3, 2, w) - around.narrow(3, 0, w)).narrow(2, 1, h) / 2;
  const torch::Tensor gy = (around.narrow(2, 2, h) - around.narrow(2, 0, h)).narrow(3, 1, w) / 2;
  const torch::Tensor distance = smooth / torch::sqrt(gx * gx + gy * gy + 1e-12);
  return torch::clamp(0.5 + distance, 0.0, 1.0);
}

torch::Tensor crop_plane(const Coverage& c, int left, int top, int w, int h) {
  torch::Tensor out = torch::empty({h, w});
  float* p = out.data_ptr<float>();
  for (int y = 0; y < h; ++y) std::memcpy(p + static_cast<size_t>(y) * w, &c.values[static_cast<size_t>(top + y) * c.width + left], w * sizeof(float));
  return out;
}

}  // namespace

std::filesystem::path detail_config_file(const std::filesystem::path& dir) { return dir / "config.json"; }
std::filesystem::path detail_weights_file(const std::filesystem::path& dir) { return dir / "model.safetensors"; }

DetailInput detail_input(const Coverage& stroke, const Polyline& median, int size, Rasterizer& rasterizer, int margin, const Coverage* also) {
  const Coverage crisp = upsample_coverage(stroke, size), soft = bilinear_enlargement(stroke, size);
  Coverage skeleton(size, size);
  rasterizer.skeleton(median, BoxToPixels::square(static_cast<float>(size)), skeleton_width_px(size), 1.0f, 1.0f, skeleton);
  int x0 = size, y0 = size, x1 = -1, y1 = -1;
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x)
      if (crisp.at(x, y) > 0 || skeleton.at(x, y) > 0 || soft.at(x, y) > 0.15f || (also && also->at(x, y) > 0))
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
  DetailInput input;
  if (x1 < 0) x0 = y0 = 0, x1 = y1 = 0;  // nothing to draw: a one-pixel box
  x0 = std::max(0, x0 - margin), y0 = std::max(0, y0 - margin);
  x1 = std::min(size - 1, x1 + margin), y1 = std::min(size - 1, y1 + margin);
  const int w = x1 - x0 + 1, h = y1 - y0 + 1;
  input.planes = torch::stack({crop_plane(crisp, x0, y0, w, h), crop_plane(soft, x0, y0, w, h), crop_plane(skeleton, x0, y0, w, h)});
  input.left = x0, input.top = y0;
  return input;
}

DetailNetImpl::DetailNetImpl(const DetailConfig& config) {
  auto conv = [](int in, int out, int dilation) {
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(dilation).dilation(dilation));
  };
  body = register_module("body", torch::nn::Sequential(conv(3, config.channels, 1), torch::nn::ReLU()));
  for (int d : config.dilations) body->push_back(conv(config.channels, config.channels, d)), body->push_back(torch::nn::ReLU());
  // The last layer starts at zero, so that an untrained net's logits are the crisp edge's.
  torch::nn::Conv2d last(torch::nn::Conv2dOptions(config.channels, 1, 1));
  torch::NoGradGuard no_grad;
  last->weight.zero_();
  last->bias.zero_();
  body->push_back(last);
}

torch::Tensor DetailNetImpl::forward(const torch::Tensor& planes) {
  // The crisp edge's coverage as a logit (0.5 at 0), which the layers correct.
  return 8.0 * (planes.narrow(1, 0, 1) - 0.5) + body->forward(planes);
}

void save_detail_net(const std::filesystem::path& dir, const DetailConfig& config, DetailNetImpl& net, int64_t trained_steps,
                     int64_t trained_strokes) {
  TensorFileWriter writer;
  for (auto& [name, tensor] : weight_tensors(net)) writer.add(name, tensor.to(torch::kFloat32));
  std::filesystem::create_directories(dir);
  write_file_atomic(detail_weights_file(dir), writer.encode({{"format", "pt"}}));
  write_file_atomic(detail_config_file(dir), detail_config_text(config, trained_steps, trained_strokes));
}

struct DetailStage::Net {
  DetailConfig config;
  DetailNet net{nullptr};
};

DetailStage::DetailStage() : net_(std::make_unique<Net>()) {}
DetailStage::~DetailStage() = default;

std::shared_ptr<DetailStage> DetailStage::open(const std::filesystem::path& dir) {
  const std::filesystem::path config_file = detail_config_file(dir), weights_file = detail_weights_file(dir);
  std::shared_ptr<DetailStage> stage(new DetailStage());
  stage->net_->config = parse_detail_config(read_text_file(config_file, "detail stage config"), config_file.string());
  stage->net_->net = DetailNet(stage->net_->config);
  copy_weights(read_tensor_file(weights_file), *stage->net_->net, weights_file, "the config's net");
  stage->net_->net->eval();
  return stage;
}

std::shared_ptr<DetailStage> DetailStage::of_model(const std::filesystem::path& model_dir) {
  const std::filesystem::path dir = model_dir / "detail";
  if (!std::filesystem::exists(detail_config_file(dir))) return nullptr;
  return open(dir);
}

const DetailConfig& DetailStage::config() const { return net_->config; }

Coverage DetailStage::draw(const Coverage& stroke, const Polyline& median) const {
  const int size = net_->config.size;
  if (stroke.width != stroke.height || stroke.width >= size)
    throw InkError("detail stage: a stroke of " + std::to_string(stroke.width) + " x " + std::to_string(stroke.height) +
                   " px, expected a square smaller than " + std::to_string(size));
  Coverage out(size, size);
  if (stroke.sum() <= 0) return out;  // not written: nothing to draw (the skeleton alone is no ink)
  thread_local Rasterizer rasterizer;
  const DetailInput input = detail_input(stroke, median, size, rasterizer);
  torch::Tensor drawn;
  {
    c10::InferenceMode inference;
    drawn = edge_coverage(net_->net->forward(input.planes.unsqueeze(0))).squeeze().contiguous();
  }
  const int h = static_cast<int>(drawn.size(0)), w = static_cast<int>(drawn.size(1));
  const float* p = drawn.data_ptr<float>();
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const float v = p[static_cast<size_t>(y) * w + x];
      out.at(input.left + x, input.top + y) = v >= 1.0f / 512 ? v : 0.0f;  // as display_coverage: no faint haze
    }
  return out;
}

std::vector<Coverage> DetailStage::draw(const std::vector<Coverage>& strokes, const std::vector<Polyline>& medians) const {
  if (strokes.size() != medians.size())
    throw InkError("detail stage: " + std::to_string(strokes.size()) + " strokes but " + std::to_string(medians.size()) + " medians");
  std::vector<Coverage> out;
  for (size_t k = 0; k < strokes.size(); ++k) out.push_back(draw(strokes[k], medians[k]));
  return out;
}

}  // namespace ink
