// Building a training dataset: stroke-step and whole-glyph samples for a set of characters,
// written as shards plus a manifest.json (written last, so a directory with a manifest is whole).
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "ink/data/stroke_library.h"

namespace ink {

// The style name of the stroke data's own outlines.
inline constexpr const char* kDataStyle = "hanzi-writer-data";

// The manifest's version. 2: a font's stroke steps sit in the reference frame (the split's
// strokes carried back through its alignment), where version 1 kept them where the font draws
// them. 3: each carried-back stroke is also settled onto its data stroke (stroke_offsets). A
// cache of another version is rebuilt. A manifest names its placement (below); one without a
// placement is settled.
inline constexpr int kDatasetVersion = 3;

// Where a font's stroke steps sit.
//   settled: carried back onto the data's strokes and each settled there, so a style learns a
//     brush on the data's skeletons.
//   in_place: where the font draws them, each conditioned on the data's skeleton moved where the
//     split found the font's stroke (the character's fit and each stroke's move, as a style's
//     layout moves it), then settled onto the font's stroke so that it runs down its middle.
// The data's own hand sits in the same place either way.
enum class StrokePlacement { settled, in_place };
std::string to_string(StrokePlacement placement);
// "settled" or "in-place"; throws InkError naming `where` otherwise.
StrokePlacement parse_stroke_placement(const std::string& text, const std::string& where);

struct DatasetOptions {
  std::filesystem::path out_dir;
  int size = 64;
  std::vector<char32_t> chars;
  std::string selection = "custom";  // how `chars` was chosen, recorded in the manifest
  // Empty: targets are the stroke data's own outlines. Otherwise one style per listed font
  // ("A,B,C": style i is font i; "kai=A" names the style): targets are its glyphs, split into
  // the character's strokes by alignment and carried back onto the data's strokes (a style is the
  // brush, not where the font places the character); kDataStyle stands for the data's outlines.
  std::string font_family;
  StrokePlacement placement = StrokePlacement::settled;
  uint32_t samples_per_shard = 4096;
  int threads = 2;
};

struct DatasetReport {
  size_t characters = 0;
  size_t stroke_steps = 0;
  std::vector<size_t> stroke_steps_per_style;  // in the order of the styles
  size_t whole_glyphs = 0;
  size_t shards = 0;
  std::vector<char32_t> skipped;  // characters a font lacks (a glyph that does not split has no stroke steps)
  double seconds = 0;
};

// Deterministic: the same library and options give byte-identical files, whatever `threads`.
DatasetReport build_dataset(const StrokeLibrary& library, const DatasetOptions& options,
                            const std::function<void(size_t done, size_t total)>& progress = {});

}  // namespace ink
