// Parsing hanzi-ink's options with the tools' shared argument reader (errors name the option).
#include "viewer_options.h"

#include <cstdio>

#include "cli/cli.h"
#include "cli/writer_options.h"
#include "ink/base/error.h"
#include "ink/base/paths.h"

namespace ink::app {

std::string viewer_usage() {
  return "usage: hanzi-ink [TEXT] [--model DIR] [--mode stroke|whole] [--style NAME] [--seed N] [--steps N] [--refine-from T]\n"
         "                 [--guidance G] [--style-strength S] [--speed X] [--direction row|column] [--background IMAGE] [--data PATH]\n"
         "                 [--size WxH] [--screenshot FILE.png [--at SECONDS] [--export FILE.gif|png|json]] [--bench-frames N]\n"
         "                 [--random-events N [--events-seed N]]\n";
}

ViewerOptions parse_viewer_options(int argc, char** argv) {
  cli::Args args(argc, argv, 1);
  ViewerOptions options;
  options.mode = conditioning_mode_from_string(args.value_or("mode", "stroke"));
  if (options.mode == ConditioningMode::class_label) throw InkError("--mode class is for ink-write; the viewer writes stroke or whole");
  options.model_dir = args.value_or("model", default_model_dir().string());
  options.data = args.value_or("data", default_stroke_pack().string());
  options.style = args.value_or("style", "");
  options.settings = cli::writer_settings(args);
  options.speed = cli::double_value(args, "speed", 1.0, 0.1, 10.0);
  options.vertical = cli::writes_in_columns(args);
  options.background = args.value_or("background", "");
  if (const auto size = args.value("size")) {
    int w = 0, h = 0;
    char tail = 0;
    if (std::sscanf(size->c_str(), "%dx%d%c", &w, &h, &tail) != 2 || w < 320 || h < 240 || w > 8192 || h > 8192)
      throw InkError("--size " + *size + ": expected WIDTHxHEIGHT, e.g. 1280x800 (at least 320x240)");
    options.width = w;
    options.height = h;
  }
  if (const auto file = args.value("screenshot")) options.screenshot = *file;
  options.at = cli::double_value(args, "at", -1.0, 0.0, 36000.0);
  if (options.at >= 0 && !options.screenshot) throw InkError("--at needs --screenshot FILE");
  if (const auto file = args.value("export")) {
    const std::string ext = std::filesystem::path(*file).extension().string();
    if (ext != ".gif" && ext != ".png" && ext != ".json") throw InkError("--export " + *file + ": expected a .gif, .png or .json file");
    if (!options.screenshot) throw InkError("--export needs --screenshot FILE (it exports once the writing is done)");
    options.export_file = *file;
  }
  options.bench_frames = args.int_value("bench-frames", 0, 1, 1000000);
  options.random_events = args.int_value("random-events", 0, 1, 10000000);
  options.events_seed = static_cast<uint64_t>(args.int_value("events-seed", 1, 0, 2147483647));
  try {
    options.text = args.positional("TEXT");
  } catch (const InkError&) {
    // no TEXT: keep the default
  }
  args.finish();
  return options;
}

}  // namespace ink::app
