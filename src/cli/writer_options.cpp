// --steps, --refine-from, --guidance, --style-strength and --seed, checked with errors that name the option.
#include "cli/writer_options.h"

#include <cstdio>
#include <cstdlib>

#include "ink/base/error.h"

namespace ink::cli {

double double_value(Args& args, const std::string& name, double fallback, double min, double max) {
  const auto text = args.value(name);
  if (!text) return fallback;
  char* end = nullptr;
  const double value = std::strtod(text->c_str(), &end);
  if (end == text->c_str() || *end != '\0' || !(value >= min && value <= max))
    throw InkError("--" + name + " expects a number in " + std::to_string(min).substr(0, 4) + ".." +
                   std::to_string(max).substr(0, 5) + ", got '" + *text + "'");
  return value;
}

WriterSettings writer_settings(Args& args) {
  WriterSettings settings;
  settings.steps = args.int_value("steps", settings.steps, 1, 1000);
  settings.refine_from = args.int_value("refine-from", settings.refine_from, 1, 1000);
  settings.guidance = double_value(args, "guidance", settings.guidance, 0.0, 20.0);
  settings.style_strength = double_value(args, "style-strength", settings.style_strength, 0.0, 2.0);
  settings.seed = static_cast<uint64_t>(args.int_value("seed", 0, 0, 2147483647));
  return settings;
}

bool writes_in_columns(Args& args) {
  std::string direction = args.value_or("direction", "row");
  if (const auto old = args.value("layout")) {  // before "layout" came to mean where a hand puts its strokes
    std::fprintf(stderr, "--layout is deprecated; use --direction\n");
    direction = *old;
  }
  if (direction != "row" && direction != "column") throw InkError("--direction " + direction + ": expected row or column");
  return direction == "column";
}

}  // namespace ink::cli
