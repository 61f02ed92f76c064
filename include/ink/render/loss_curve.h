// A picture of a training run: the training loss (raw and smoothed) and the held-out loss on a
// log scale, and the learning rate on its own axis, over the steps; drawn from train-log.jsonl
// so a resumed run's picture covers its whole history.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "ink/render/image.h"

namespace ink {

struct LossPoint {
  int64_t step = 0;
  double loss = 0, learning_rate = 0;
  std::optional<double> eval_loss;
};

// One point per step, in step order; a step logged twice (steps redone after a resume) keeps the
// later line. Lines that do not parse (a line cut short by a kill) are skipped.
std::vector<LossPoint> read_train_log(const std::filesystem::path& file);

// Throws InkError if the label font (DejaVu Sans, fonts-dejavu-core) is not installed.
Image render_loss_curve(const std::vector<LossPoint>& points, int width = 960, int height = 540);

}  // namespace ink
