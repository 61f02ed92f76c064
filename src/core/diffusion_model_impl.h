// DiffusionModel's insides, for the core's own sampling code (includes torch).
#pragma once
#include <memory>
#include <mutex>

#include "ink/diffusion_model.h"
#include "ink/model_file.h"
#include "ink/noise_schedule.h"

namespace ink {

class DiffusionModel {
 public:
  LoadedModel loaded;
  std::shared_ptr<const NoiseSchedule> schedule;
  ModelSummary summary;
  std::vector<int> style_ids;  // summary.styles[i] is style id style_ids[i]
  std::mutex mutex;  // one forward at a time: writers on different threads may share a model
};

}  // namespace ink
