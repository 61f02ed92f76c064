// The writers (docs/design.md, Writing). StrokeWriter generates a character one stroke at a time,
// each conditioned on what it itself wrote before; GlyphWriter generates the whole glyph in one
// pass. No torch in this header: the viewer runs writers on a background thread.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ink/base/error.h"
#include "ink/data/glyph.h"
#include "ink/dataset/stroke_step.h"
#include "ink/model/diffusion_model.h"

namespace ink {

struct WriterSettings {
  // Denoiser calls per stroke (DPM-Solver++(2M); docs/experiments.md). 0: the model's own choice,
  // one call through its one-step student where the student knows the style, else 3 (2 for a
  // whole glyph). Any other number is the model's own sampler with that many steps (1: its
  // conditional mean).
  int steps = 0;
  // Where steps after the first go: spread below this timestep (sampler.h, refining_timesteps);
  // 999 or more spreads them over all the noise levels (diffusers' linspace).
  int refine_from = 75;
  double guidance = 1.0;  // classifier-free guidance scale; 1 = conditional pass only
  // How far the style is pushed from the data's own hand: the output is the data's hand plus
  // style_strength times (style - data's hand), one more pass of the model. 1 = the style as
  // trained; 0 = the data's hand; in between, a blend. Above 1 it extrapolates, and at 2 every
  // style wrote worse (docs/styles.md, Style strength). Style 0 ignores it. A learnt hand with
  // an adapter still blends with the model's own data's hand (a second forward, not the same
  // batch).
  double style_strength = 1.0;
  // Torch threads for the model's calls. A call at batch 1 is ~150 operators too small to share:
  // two threads that wait passively take 20.7 ms a forward and one 14.9 ms; two that spin take
  // 9.7 ms alone but 140 ms when anything else wants the cores (docs/model.md, Speed). <= 0: the
  // process's setting. The detail stage and everything else keep the process's.
  int model_threads = 1;
  uint64_t seed = 0;
  int style = 0;
  // The hand's stroke weight (layout.h): each written stroke's edge is moved toward this times the
  // width of the stroke it was given (the data's, moved by the layout), never against it
  // (raster/stroke_weight.h, reweighted). None: the model's own weight.
  std::optional<float> stroke_weight;
  // Brought onto the weight from either side (Layout::even_weight).
  bool even_weight = false;
};

// Thrown out of a writer when its cancel flag is raised; what was finished before stays.
struct WritingCancelled : InkError {
  WritingCancelled() : InkError("writing cancelled") {}
};

struct WrittenStroke {
  int index = 0;  // k
  int count = 0;  // N
  const Coverage* coverage = nullptr;  // at the model's resolution, valid during the callback
};

// Called after each denoising step with (step index, predicted clean image): a live preview.
using PreviewObserver = std::function<void(int step, const Coverage& predicted)>;

class StrokeWriter {
 public:
  StrokeWriter(std::shared_ptr<DiffusionModel> model, const Glyph& glyph, WriterSettings settings);
  ~StrokeWriter();

  int stroke_count() const;
  int written() const;  // strokes 0..written()-1 are done
  // Writes the strokes from written() to the end, calling `on_stroke` after each. Cancel by
  // raising `cancel` (checked between denoising steps): throws WritingCancelled, keeping
  // the strokes already finished.
  void write(const std::function<void(const WrittenStroke&)>& on_stroke = {}, const std::atomic<bool>* cancel = nullptr);
  // Forgets stroke k and everything after it; the next write() regenerates them with `seed`.
  void redo_from(int k, uint64_t seed);

  const std::vector<Coverage>& strokes() const;  // the written strokes, model resolution
  Coverage glyph() const;                        // their union
  const GlyphPlanes& reference() const;          // the stroke data's own planes (skeletons, strokes)

 private:
  struct State;
  std::unique_ptr<State> state_;
};

class GlyphWriter {
 public:
  GlyphWriter(std::shared_ptr<DiffusionModel> model, const Glyph& glyph, WriterSettings settings);
  ~GlyphWriter();
  // The whole glyph in one pass (coverage at the model's resolution).
  Coverage write(const PreviewObserver& preview = {}, const std::atomic<bool>* cancel = nullptr);
  const GlyphPlanes& reference() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The character as a style writes it (docs/styles.md, Layouts): the data's strokes moved by the
// style's layout, taken `strength` of the way (as style strength takes the brush). The data's
// hand, and a style without a layout, keep the data's placement. `clamped`: the layout would
// have pushed strokes out of the box, and they were moved back inside.
Glyph styled_glyph(const DiffusionModel& model, const Glyph& glyph, const std::string& style, double strength,
                   bool* clamped = nullptr);
// One line for a text some of whose characters (`kept_inside`, of `total`) the style's layout put
// past the box's edge and the writers moved back: "style 'S' placed 4 of 4 characters ...".
std::string kept_inside_note(const std::string& style, const std::u32string& kept_inside, size_t total);
// The style's stroke weight taken `settings.style_strength` of the way (geometrically) from the
// data's, into settings.stroke_weight and even_weight: none for a style without one; the data's
// (1) for an even one without its own; at strength 0 the data's hand's.
void set_styled_weight(WriterSettings& settings, const DiffusionModel& model, const std::string& style);

// Class mode (the article's setup): a glyph from a class label alone.
Coverage write_class_glyph(DiffusionModel& model, int label, const WriterSettings& settings,
                           const PreviewObserver& preview = {}, const std::atomic<bool>* cancel = nullptr);

}  // namespace ink
