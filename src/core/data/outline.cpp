// Small geometry helpers shared by the parser, the rasteriser and the sheet.
#include "ink/data/outline.h"

#include <cmath>

namespace ink {

int points_per_verb(PathVerb verb) {
  switch (verb) {
    case PathVerb::move:
    case PathVerb::line:
      return 1;
    case PathVerb::quad:
      return 2;
    case PathVerb::cubic:
      return 3;
    case PathVerb::close:
      return 0;
  }
  return 0;
}

// The data's box onto pixels: screen_y = kBoxTop - y.
BoxToPixels BoxToPixels::square(float size) {
  const float s = size / kBoxSize;
  return {s, 0.0f, kBoxTop * s};
}

BoxToPixels BoxToPixels::cell(float left, float top, float size, float margin) {
  const float inner = size * (1.0f - 2.0f * margin);
  BoxToPixels m = square(inner);
  m.dx += left + size * margin;
  m.dy += top + size * margin;
  return m;
}

double polyline_length(const Polyline& line) {
  double length = 0;
  for (size_t i = 1; i < line.size(); ++i) length += std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
  return length;
}

}  // namespace ink
