// Dataset cache for ink-train: one directory per (selection, fonts, placement, size); rebuilt
// when the stroke data's version or the dataset format's differs.
#include "training_datasets.h"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "ink/base/error.h"
#include "ink/base/paths.h"
#include "ink/base/progress.h"
#include "ink/data/char_sets.h"
#include "ink/data/stroke_library.h"
#include "ink/dataset/dataset.h"

namespace ink::train_tool {
namespace {

// A directory name for a selection: itself when it is a plain word ("seen"), else a hash of it
// (literal characters).
std::string selection_name(const std::string& selection) {
  bool plain = !selection.empty() && selection.size() <= 16;
  for (unsigned char c : selection) plain = plain && std::isalnum(c);
  if (plain) return selection;
  uint32_t hash = 2166136261u;
  for (unsigned char c : selection) hash = (hash ^ c) * 16777619u;
  char name[32];
  std::snprintf(name, sizeof name, "chars-%08x", hash);
  return name;
}

nlohmann::json read_manifest(const std::filesystem::path& dir) {
  std::ifstream in(dir / "manifest.json");
  if (!in) return nullptr;
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {  // unreadable: rebuilt like a missing one
    return nullptr;
  }
}

std::filesystem::path ensure_dataset(const StrokeLibrary& library, const std::string& selection, const std::string& fonts,
                                     StrokePlacement placement, int size) {
  const std::string name = selection_name(selection) + (fonts.empty() ? "" : "-" + selection_name(fonts)) +
                           (placement == StrokePlacement::settled ? "" : "-" + to_string(placement));
  const std::filesystem::path dir = project_root() / "build" / "datasets" / (name + "-" + std::to_string(size));
  const nlohmann::json manifest = read_manifest(dir);
  if (manifest.is_object() && manifest.value("version", 0) == kDatasetVersion &&
      manifest.value("data_version", "") == library.data_version() &&
      manifest.value("selection", "") == selection &&
      manifest.value("placement", to_string(StrokePlacement::settled)) == to_string(placement))
    return dir;
  DatasetOptions options;
  options.out_dir = dir;
  options.size = size;
  options.selection = selection;
  options.font_family = fonts;
  options.placement = placement;
  options.chars = select_chars(library, selection, heldout_list_path());
  ProgressBar bar("dataset " + selection_name(selection), options.chars.size());
  const DatasetReport report = build_dataset(library, options, [&](size_t done, size_t) { bar.update(done); });
  bar.finish();
  std::printf("built %s: %zu stroke-step + %zu whole-glyph samples\n", dir.c_str(), report.stroke_steps, report.whole_glyphs);
  return dir;
}

}  // namespace

Datasets prepare_datasets(const TrainingRecipe& recipe, const std::optional<std::string>& data) {
  Datasets sets;
  const int size = recipe.model.sample_size;
  std::optional<StrokeLibrary> library;
  auto open = [&]() -> const StrokeLibrary& {
    if (!library) library.emplace(StrokeLibrary::open(data ? std::filesystem::path(*data) : default_stroke_pack()));
    return *library;
  };
  sets.train_dir = recipe.data_dir.empty() ? ensure_dataset(open(), recipe.data_chars, recipe.data_fonts, recipe.data_placement, size)
                                           : project_root() / recipe.data_dir;  // an absolute data_dir stays as is
  if (recipe.eval_every > 0 && !recipe.eval_chars.empty())
    sets.eval_dir = ensure_dataset(open(), recipe.eval_chars, recipe.data_fonts, recipe.data_placement, size);
  const nlohmann::json manifest = read_manifest(sets.train_dir);
  if (!manifest.is_object()) throw InkError(sets.train_dir.string() + ": no readable dataset manifest");
  sets.styles = manifest.value("styles", std::vector<std::string>{"hanzi-writer-data"});
  return sets;
}

}  // namespace ink::train_tool
