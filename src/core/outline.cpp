// Small geometry helpers shared by the parser, the rasteriser and the sheet.
#include "ink/outline.h"

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

// The data's box: x in [0, 1024], y in [-124, 900] (y up), so screen_y = 900 - y.
BoxToPixels BoxToPixels::square(float size) {
  const float s = size / 1024.0f;
  return {s, 0.0f, 900.0f * s};
}

BoxToPixels BoxToPixels::cell(float left, float top, float size, float margin) {
  const float inner = size * (1.0f - 2.0f * margin);
  BoxToPixels m = square(inner);
  m.dx += left + size * margin;
  m.dy += top + size * margin;
  return m;
}

}  // namespace ink
