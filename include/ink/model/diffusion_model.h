// A trained model opened for writing, behind a handle without torch in it, so the viewer and
// most tools can hold one without compiling against LibTorch.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ink/model/unet_config.h"
#include "ink/styles/style_layouts.h"

namespace ink {

class DiffusionModel;  // defined in src/core (torch inside)

struct ModelSummary {
  std::filesystem::path file;
  ConditioningMode mode = ConditioningMode::stroke;
  int sample_size = 0;
  int64_t parameters = 0;
  int64_t trained_steps = 0;
  std::vector<std::string> styles;  // trained ones first, then the learnt hands beside the file
  int learned_styles = 0;
  int retuned_styles = 0;  // trained styles that a file beside the model retunes (ink-train --retune)
  std::map<std::string, std::string> retunings;  // those styles' names -> their brushes (brush_fingerprint)
  // What was made for other weights or brushes than these (the model trained or a style retuned
  // again since), one line each saying which file and how to make it again: learnt hands and
  // retunings, which still write, with a brush that may be off, and a one-step student, which is
  // left unused (for every style, or for the styles whose brush it was not taught).
  std::vector<std::string> stale_parts;
  std::u32string classes;
  // Where each style puts its strokes, by style name (layouts.json beside the file); a style
  // without one keeps the data's placement.
  StyleLayouts layouts;
  // The styles the structure model places character by character (structure_model.h), beyond
  // their layouts.
  std::vector<std::string> structure_styles;
  // The one-step student beside the model (MODE/one-step/model.safetensors), if any, and how many
  // of the styles it writes (the trained ones, in order).
  std::filesystem::path one_step_file;
  int one_step_styles = 0;
};

// `path`: a model file, a directory with model.safetensors, or one with a subdirectory per mode.
// Throws InkError naming the path for a missing, broken or mismatched model.
std::shared_ptr<DiffusionModel> open_model(const std::filesystem::path& path, ConditioningMode mode);
const ModelSummary& summary_of(const DiffusionModel& model);
// The model calls a stroke in `style` takes when a writer asks for `steps` (0: the model's choice,
// one through the one-step student where it knows the style, else 3).
int steps_for(const DiffusionModel& model, int steps, int style);
// A style's id by name ("" is style 0); throws InkError listing the model's styles.
int style_id(const DiffusionModel& model, const std::string& name);

}  // namespace ink
