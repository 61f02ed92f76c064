// hanzi-ink's command line: what to write and how, plus the modes that run without a person
// (screenshot, frame benchmark, random UI events).
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "ink/writing/writer.h"

namespace ink::app {

struct ViewerOptions {
  std::string text = "永";
  ConditioningMode mode = ConditioningMode::stroke;
  std::filesystem::path model_dir;  // default: assets/models/default
  std::filesystem::path data;       // default: strokes/hanzi.inkpack
  std::string style;
  WriterSettings settings;
  double speed = 1.0;
  bool vertical = false;
  std::filesystem::path background;  // an image to write onto; empty: paper
  int width = 1280, height = 800;

  std::optional<std::filesystem::path> screenshot;  // render at `at` seconds to PNG, then exit
  double at = -1;                                   // < 0: the end of the writing
  std::optional<std::filesystem::path> export_file;  // .gif, .png or .json through the window's export
  int bench_frames = 0;       // > 0: time this many frames while writing, print figures, exit
  int random_events = 0;      // > 0: feed this many random UI events, then exit
  uint64_t events_seed = 1;
};

ViewerOptions parse_viewer_options(int argc, char** argv);
std::string viewer_usage();

}  // namespace ink::app
