// DiffusionModel's insides, for the core's own sampling code (includes torch).
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "ink/model/diffusion_model.h"
#include "ink/model/model_file.h"
#include "ink/model/noise_schedule.h"
#include "ink/model/structure_model.h"

namespace ink {

class DiffusionModel {
 public:
  LoadedModel loaded;
  std::shared_ptr<const NoiseSchedule> schedule;
  ModelSummary summary;
  std::vector<int> style_ids;  // summary.styles[i] is style id style_ids[i]
  // Learnt hands with an adapter write with their own copy of the UNet, made when the hand first
  // writes: opening a model with a dozen hands then costs no dozen copies.
  std::map<int, std::map<std::string, std::vector<float>>> adapters;  // by style id
  std::map<int, UNet> adapted;
  std::mutex mutex;  // one forward at a time: writers on different threads may share a model
  // The one-step student distilled from this model (MODE/one-step/, training/distillation_loss.h),
  // when there is one: it writes the styles it was distilled on in a single call.
  LoadedModel one_step;
  std::set<int64_t> untaught_styles;  // style ids whose brush changed since it was distilled
  // Where each character's strokes go in the styles it has a row for (structure.safetensors beside
  // the model, and learnt hands' rows), beyond their layouts; none for a model without one.
  std::shared_ptr<const StructureModel> structure;

  // The UNet that writes in `style`: the loaded one, or the hand's adapted copy. Call with
  // `mutex` held.
  UNet& unet_for(int64_t style);
  // The model calls a stroke takes: `steps` when set, else 1 where the student knows the style
  // and 3 where it does not.
  int steps_for(int steps, int64_t style) const;
  // Whether a writer asking for `steps` in `style` gets the student: only when it leaves the
  // steps to the model (0). Any number of steps asked for is the model's own sampler, one step
  // included (its conditional mean, docs/experiments.md).
  bool student_writes(int steps, int64_t style) const;
};

}  // namespace ink
