// Learning a new hand from a few split images (docs/styles.md, "Learnt hands"):
// textual-inversion-like, a new style embedding row is trained, with (by default) an adapter:
// the hand's own gains and shifts for the model's group norms. Every other weight stays frozen,
// so a hand is one small file and the model keeps writing every character. Includes torch.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "ink/data/stroke_library.h"
#include "ink/styles/learned_style.h"
#include "ink/styles/style_images.h"

namespace ink {

struct StyleTuningOptions {
  int steps = 500;
  int batch_size = 16;
  double learning_rate = 0.01;          // the style row
  bool adapter = true;                  // also train the norms (style_adapter.h)
  double adapter_learning_rate = 0.003;
  double condition_dropout = 0.1;       // as in training: the guided writer's unconditional half
  // Retune the trained style of the same name (its row is the start) rather than learn a new one.
  bool retune = false;
  // The trained style whose row to start from, instead of the closest one (a new hand) or the
  // style's own (a retuning). Empty: those defaults.
  std::string start_from;
  uint64_t seed = 0;
};

struct StyleTuningProgress {
  int step = 0, total = 0;
  double loss = 0;  // running mean over the last steps
};

// `model_path`: a stroke-mode model (file or directory). The new row starts as a copy of the
// trained style closest to the images (lowest denoising loss on them), the adapter as the
// model's own norms. Returns the style, not yet saved; its embedding is empty when
// `stop_requested` said stop. Throws InkError when there are no usable images.
LearnedStyle tune_style(const std::filesystem::path& model_path, const std::vector<SplitImage>& images,
                        const StrokeLibrary& library, const std::string& name, const StyleTuningOptions& options,
                        const std::function<void(const StyleTuningProgress&)>& progress = {},
                        const std::function<bool()>& stop_requested = {});

}  // namespace ink
