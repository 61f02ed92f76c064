// A page of written characters: each character's brush timeline placed in a cell, one after
// another in time. Rendered to darkness maps (GIF frames) and to RGB images (PNG).
#pragma once
#include <memory>
#include <vector>

#include "ink/render/brush_timeline.h"
#include "ink/render/image.h"

namespace ink {

struct PlacedGlyph {
  std::shared_ptr<const BrushTimeline> timeline;
  int left = 0, top = 0;  // pixels
  double start = 0;       // seconds
};

struct InkColors {
  Rgb paper{246, 240, 226};
  Rgb ink{18, 16, 14};
};

struct Page {
  int width = 0, height = 0;
  std::vector<PlacedGlyph> glyphs;

  // Characters of `cell` pixels in a row (or a column, like a couplet), written in turn.
  static Page row(std::vector<std::shared_ptr<const BrushTimeline>> timelines, bool vertical = false,
                  double delay_between_characters = 1.0);
  // Throws InkError, naming the count and size, when such a page exceeds an image's limits
  // (image.h); darkness_at() and render() check it too, but a front can check before the
  // characters are written.
  static void check_size(int64_t characters, int cell, bool vertical);
  double duration() const;
  Coverage darkness_at(double seconds) const;
  // Paper with ink blended through darkness (after the end: the finished page).
  Image render(double seconds, const InkColors& colors = {}) const;
};

}  // namespace ink
