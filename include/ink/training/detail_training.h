// Training the detail stage (writing/detail_stage.h; docs/model.md, The detail stage): the stroke
// model writes characters in the data's hand, stroke by stroke at its defaults, and the net
// learns to draw each written stroke at 256 px as the data's outline of that stroke is drawn
// there. No torch in this header.
#pragma once
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "ink/data/stroke_library.h"
#include "ink/model/diffusion_model.h"
#include "ink/writing/detail_stage.h"

namespace ink {

struct DetailTrainingOptions {
  DetailConfig config;
  int steps = 6000;
  int batch = 24;
  int patch = 64;  // square patches at the detail size, cut at random from the strokes' boxes
  double learning_rate = 2e-3;
  uint64_t seed = 0;
};

struct DetailTrainingReport {
  size_t training_strokes = 0, checking_strokes = 0;
  // Mean per-stroke IoU at the detail size against the outlines, on the checking characters:
  // the crisp display of the 64 px strokes, and the detail stage.
  double crisp_iou = 0, detail_iou = 0;
};

// Phases: "write" (characters written so far of all), then "train" (steps). The net is saved
// to `out_dir` every 1000 steps and at the end, by rename; `stop` ends training early, saved.
using DetailProgress = std::function<void(const char* phase, size_t done, size_t total, double loss)>;
DetailTrainingReport train_detail_stage(const std::shared_ptr<DiffusionModel>& model, const StrokeLibrary& library,
                                        const std::vector<char32_t>& training, const std::vector<char32_t>& checking,
                                        const DetailTrainingOptions& options, const std::filesystem::path& out_dir,
                                        const DetailProgress& progress = {}, const std::atomic<bool>* stop = nullptr);

}  // namespace ink
