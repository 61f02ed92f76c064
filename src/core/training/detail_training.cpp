// Training the detail stage on the stroke model's own strokes against the data's outlines.
#include "ink/training/detail_training.h"

#include <random>

#include "ink/base/error.h"
#include "ink/writing/writer.h"
#include "writing/detail_net.h"

namespace ink {
namespace {

struct Example {
  torch::Tensor planes;  // [3, h, w]
  torch::Tensor target;  // [1, h, w]: the outline's coverage
};

std::vector<Example> examples_of(const std::shared_ptr<DiffusionModel>& model, const StrokeLibrary& library,
                                 const std::vector<char32_t>& chars, int size, const std::function<void(size_t)>& written) {
  std::vector<Example> out;
  Rasterizer rasterizer;
  const BoxToPixels to_pixels = BoxToPixels::square(static_cast<float>(size));
  for (size_t i = 0; i < chars.size(); ++i) {
    const Glyph& glyph = library.glyph(chars[i]);
    // The full model's three steps: what the one-step student is distilled to write too.
    WriterSettings settings;
    settings.steps = 3;
    StrokeWriter writer(model, glyph, settings);
    writer.write();
    for (size_t k = 0; k < glyph.strokes.size(); ++k) {
      const Coverage outline = rasterizer.fill(glyph.strokes[k].outline, to_pixels, size, size);
      const DetailInput input = detail_input(writer.strokes()[k], glyph.strokes[k].median, size, rasterizer, 8, &outline);
      const int h = static_cast<int>(input.planes.size(1)), w = static_cast<int>(input.planes.size(2));
      torch::Tensor target = torch::empty({1, h, w});
      float* t = target.data_ptr<float>();
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) t[static_cast<size_t>(y) * w + x] = outline.at(input.left + x, input.top + y);
      out.push_back({input.planes, target});
    }
    if (written) written(i + 1);
  }
  return out;
}

// A `patch`-square window of `t` from (x, y), zero past its edges.
torch::Tensor window(const torch::Tensor& t, int64_t y, int64_t x, int patch) {
  using torch::indexing::Slice;
  torch::Tensor out = torch::zeros({t.size(0), patch, patch});
  const int64_t h = std::min<int64_t>(patch, t.size(1) - y), w = std::min<int64_t>(patch, t.size(2) - x);
  out.index_put_({Slice(), Slice(0, h), Slice(0, w)}, t.index({Slice(), Slice(y, y + h), Slice(x, x + w)}));
  return out;
}

double mean_iou(const std::vector<Example>& examples, DetailNetImpl* net) {
  c10::InferenceMode inference;
  double sum = 0;
  for (const Example& e : examples) {
    const torch::Tensor drawn = net ? net->forward(e.planes.unsqueeze(0)).squeeze(0) >= 0 : e.planes.narrow(0, 0, 1) >= 0.5;
    const torch::Tensor outline = e.target >= 0.5;
    const double both = (drawn & outline).sum().item<double>(), either = (drawn | outline).sum().item<double>();
    sum += either > 0 ? both / either : 1.0;
  }
  return examples.empty() ? 0.0 : sum / static_cast<double>(examples.size());
}

}  // namespace

DetailTrainingReport train_detail_stage(const std::shared_ptr<DiffusionModel>& model, const StrokeLibrary& library,
                                        const std::vector<char32_t>& training, const std::vector<char32_t>& checking,
                                        const DetailTrainingOptions& options, const std::filesystem::path& out_dir,
                                        const DetailProgress& progress, const std::atomic<bool>* stop) {
  if (training.empty()) throw InkError("detail stage: no characters to train on");
  if (options.steps < 1 || options.batch < 1 || options.patch < 8) throw InkError("detail stage: steps, batch and patch must be positive");
  const int size = options.config.size;
  const size_t all = training.size() + checking.size();
  auto written = [&](size_t before) {
    return [&, before](size_t done) {
      if (progress) progress("write", before + done, all, 0.0);
    };
  };
  const std::vector<Example> train = examples_of(model, library, training, size, written(0));
  const std::vector<Example> check = examples_of(model, library, checking, size, written(training.size()));

  torch::manual_seed(options.seed);
  DetailNet net(options.config);
  torch::optim::Adam optimizer(net->parameters(), torch::optim::AdamOptions(options.learning_rate));
  std::mt19937_64 rng(options.seed);
  int step = 0;
  for (; step < options.steps && !(stop && *stop);) {
    std::vector<torch::Tensor> inputs, targets;
    for (int b = 0; b < options.batch; ++b) {
      const Example& e = train[rng() % train.size()];
      const int64_t h = e.planes.size(1), w = e.planes.size(2);
      const int64_t y = h > options.patch ? static_cast<int64_t>(rng() % static_cast<uint64_t>(h - options.patch + 1)) : 0;
      const int64_t x = w > options.patch ? static_cast<int64_t>(rng() % static_cast<uint64_t>(w - options.patch + 1)) : 0;
      inputs.push_back(window(e.planes, y, x, options.patch));
      targets.push_back(window(e.target, y, x, options.patch));
    }
    const torch::Tensor loss = torch::binary_cross_entropy_with_logits(net->forward(torch::stack(inputs)), torch::stack(targets));
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
    ++step;
    if (progress) progress("train", static_cast<size_t>(step), static_cast<size_t>(options.steps), loss.item<double>());
    if (step % 1000 == 0) save_detail_net(out_dir, options.config, *net, step, static_cast<int64_t>(train.size()));
  }
  net->eval();
  save_detail_net(out_dir, options.config, *net, step, static_cast<int64_t>(train.size()));
  DetailTrainingReport report;
  report.training_strokes = train.size();
  report.checking_strokes = check.size();
  report.crisp_iou = mean_iou(check, nullptr);
  report.detail_iou = mean_iou(check, net.get());
  return report;
}

}  // namespace ink
