// The detail stage (docs/model.md, The detail stage): a small convolutional net that draws a
// stroke written at the model's 64 px again at 256 px, from its coverage and its skeleton, with
// what the 64 px grid cannot hold (sharp corners, the thin ends of strokes, the outline's curve).
// It runs on the stroke's box only. No torch in this header.
#pragma once
#include <filesystem>
#include <memory>
#include <vector>

#include "ink/data/outline.h"
#include "ink/model/detail_config.h"
#include "ink/raster/raster.h"

namespace ink {

class DetailStage {
 public:
  // Reads DIR/config.json and DIR/model.safetensors; InkError naming the file on any fault.
  static std::shared_ptr<DetailStage> open(const std::filesystem::path& dir);
  // The detail stage saved with the model in `model_dir` (model_dir/detail), or null when it has
  // none.
  static std::shared_ptr<DetailStage> of_model(const std::filesystem::path& model_dir);
  ~DetailStage();

  const DetailConfig& config() const;
  // `stroke` (square, any size below config().size) with its `median` (1024 box): the stroke at
  // config().size px.
  Coverage draw(const Coverage& stroke, const Polyline& median) const;
  // Every stroke of a character.
  std::vector<Coverage> draw(const std::vector<Coverage>& strokes, const std::vector<Polyline>& medians) const;

  struct Net;

 private:
  DetailStage();
  std::unique_ptr<Net> net_;
};

// The detail stage's files in `dir`, from a trained net (training/detail_training.h).
std::filesystem::path detail_config_file(const std::filesystem::path& dir);
std::filesystem::path detail_weights_file(const std::filesystem::path& dir);

}  // namespace ink
