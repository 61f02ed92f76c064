// A hand learnt from a few images (ink-train --style-images): a style embedding row for a
// trained model, optionally its own gains and shifts for the model's group norms, and its layout
// (hand_layout.h), saved as a small JSON file in a styles/ folder beside the model file and
// picked up by every program that opens the model. No torch here.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ink/alignment/layout.h"

namespace ink {

struct LearnedStyle {
  std::string name;
  std::vector<float> embedding;  // one row of the model's style embedding (time-embedding width)
  // The adapter: values for the model's norm parameters, by name (empty: the row alone).
  std::map<std::string, std::vector<float>> adapter;
  // Where the hand puts its strokes; none in files from before hands learnt layouts, and in
  // retunings (the trained style's layout stays): those write in the data's placement.
  std::optional<Layout> layout;
  // The hand's row of the model's structure model (structure_model.h): where it puts each stroke
  // of a character beyond its layout. Empty in files from before it, which place every character
  // by the layout alone.
  std::vector<float> structure_row;
  std::string started_from;        // the trained style whose row it started as
  // A retuning of the trained style of the same name (ink-train --retune): when the model is
  // opened it takes that style's place, row and adapter, instead of adding a row.
  bool retunes = false;
  int64_t base_trained_steps = 0;
  // The weights it was learnt for (LoadedModel::fingerprint); empty in files from before it.
  std::string base_fingerprint;
  std::string characters;          // the characters of the images it was learnt from
  int images = 0, steps = 0;
  double seconds = 0, final_loss = 0;
};

// `model_file`'s styles folder: <folder of the model>/styles.
std::filesystem::path learned_styles_dir(const std::filesystem::path& model_file);
std::filesystem::path learned_style_file(const std::filesystem::path& model_file, const std::string& name);
// The NAME.style.json files there, in name order (none when the folder does not exist).
std::vector<std::filesystem::path> learned_style_files(const std::filesystem::path& model_file);

// A style name is a file name too: letters, digits, '-', '_' and non-ASCII, 1..64 bytes.
void check_style_name(const std::string& name);

// That `style` (from `file`) can join a model whose styles are `names`, the first `trained` of
// them trained: a new hand needs a new name, a retuning a trained style's other than the data's.
void check_hand_name(const std::filesystem::path& file, const LearnedStyle& style, const std::vector<std::string>& names,
                     size_t trained);
// The style names every program lists for `model_file`, in style-id order: its `trained` ones,
// then each learnt hand beside it (a retuning keeps its trained style's place), as opening the
// model arranges them, without loading it.
std::vector<std::string> listed_style_names(const std::vector<std::string>& trained, const std::filesystem::path& model_file);

// What a style's row and adapter write with, as 16 hex digits: a one-step student records the
// retunings it was taught by this (ModelInfo::taught_retunings).
std::string brush_fingerprint(const LearnedStyle& style);

void save_learned_style(const std::filesystem::path& file, const LearnedStyle& style);  // atomic
LearnedStyle load_learned_style(const std::filesystem::path& file);  // errors name the file
LearnedStyle parse_learned_style(std::string_view text, const std::string& where);

}  // namespace ink
