// The structure model (docs/styles.md, Structure): where a hand puts each stroke of a character
// it never wrote. A small transformer reads a character's strokes as the data draws them (one
// token a stroke: points along its median, its kind, its place in the order) with a style row,
// and predicts how far the character's placement departs from the hand's typical layout (shift,
// scales, rotation) and each stroke's move beyond it (its shift and form: longer or shorter,
// turned, bowed): what the split measures in every glyph of a font. It learns from many fonts'
// splits; a new hand gets a row of its own from a few of its characters, the rest of the model
// frozen.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ink/alignment/layout.h"
#include "ink/alignment/structure_sample.h"
#include "ink/base/progress.h"
#include "ink/model/structure_file.h"

namespace ink {

struct StructurePlacement {
  Layout layout;                    // the typical layout moved by the character's own departure
  std::vector<StrokeMove> moves;    // one a stroke, before the layout (apply_layout)
};

struct StructureTraining {
  int steps = 3000;
  int batch = 64;
  double learning_rate = 1e-3;
  uint64_t seed = 0;
};

// One hand's samples to learn from: its characters as split, and its typical layout.
struct HandSamples {
  std::vector<StructureSample> samples;
  Layout typical;
};

class StructureModel {
 public:
  explicit StructureModel(size_t styles, uint64_t seed = 0);
  // Throws InkError naming the file for one that is not a structure model, or damaged.
  static StructureModel load(const std::filesystem::path& file);
  ~StructureModel();
  StructureModel(StructureModel&&) noexcept;
  StructureModel& operator=(StructureModel&&) noexcept;

  size_t styles() const;
  // Trains the network and one row per hand (hands[i] is style i). Returns the final loss.
  double train(const std::vector<HandSamples>& hands, const StructureTraining& settings, ProgressBar* bar = nullptr);
  // A new row learnt from a new hand's few samples with the network frozen, drawn toward the
  // trained rows' mean; returns its style index. `placement_known` false: the samples come from
  // images framed by a photographer, so only each character's shape is learnt from, not where it
  // sits in its square or how big.
  size_t adapt(const HandSamples& hand, bool placement_known = true, int steps = 300);
  // Mean distance (box units) between where the model and where the hand put the median points.
  double error(const HandSamples& hand, size_t style) const;
  StructurePlacement place(const StructureSample& character, size_t style, const Layout& typical) const;

  // Rows by style name: the model's styles are named when it is saved; a learnt hand's row is
  // kept in its style file and added when the model is opened.
  std::optional<size_t> style_named(const std::string& name) const;
  void name_style(size_t style, const std::string& name);
  const std::string& name(size_t style) const;
  std::vector<float> row(size_t style) const;
  size_t add_row(const std::string& name, const std::vector<float>& row);
  // Atomic; only the named rows are kept. `source` says how it was trained.
  void save(const std::filesystem::path& file, const std::string& source) const;

 private:
  struct Net;
  std::unique_ptr<Net> net_;
  std::vector<std::string> names_;  // per row; empty for a row not named yet
};

}  // namespace ink
