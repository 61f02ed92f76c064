// --steps, --refine-from, --guidance, --style-strength, --seed, --direction and --place, checked
// with errors that name the option.
#include "cli/writer_options.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

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

Placement placement_from(const std::string& text) {
  std::vector<double> values;
  std::stringstream items(text);
  std::string item;
  while (std::getline(items, item, ',')) {
    char* end = nullptr;
    const double value = std::strtod(item.c_str(), &end);
    if (item.empty() || end == item.c_str() || *end != '\0' || !std::isfinite(value)) values.push_back(-1);
    else values.push_back(value);
  }
  const bool ok = (values.size() == 2 || values.size() == 3) && values[0] >= 0 && values[0] <= 1 && values[1] >= 0 &&
                  values[1] <= 1 && (values.size() == 2 || (values[2] >= 0.1 && values[2] <= 1.5));
  if (!ok) throw InkError("--place " + text + ": expected X,Y or X,Y,SCALE (X and Y from 0 to 1, SCALE from 0.1 to 1.5)");
  Placement placement;
  placement.x = static_cast<float>(values[0]);
  placement.y = static_cast<float>(values[1]);
  if (values.size() == 3) placement.scale = static_cast<float>(values[2]);
  return placement;
}

int cell_size_on(const Image& painting, int characters, bool vertical, const Placement& placement) {
  const float across = static_cast<float>(vertical ? painting.height : painting.width) - 2 * kCanvasMargin;
  const float down = static_cast<float>(vertical ? painting.width : painting.height) - 2 * kCanvasMargin;
  const float fit = std::min(across / static_cast<float>(std::max(1, characters)), down) * placement.scale;
  return std::clamp(static_cast<int>(std::floor(fit)), 32, 2048);
}

}  // namespace ink::cli
