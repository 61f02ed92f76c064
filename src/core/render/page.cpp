// Page layout and rendering: timelines placed in cells and offset in time.
#include "ink/render/page.h"

#include <algorithm>

#include "ink/base/error.h"

namespace ink {

Page Page::row(std::vector<std::shared_ptr<const BrushTimeline>> timelines, bool vertical, double delay_between_characters) {
  if (timelines.empty()) throw InkError("nothing to lay out: no characters");
  Page page;
  const int cell = timelines.front()->display_size();
  const int n = static_cast<int>(timelines.size());
  page.width = vertical ? cell : cell * n;
  page.height = vertical ? cell * n : cell;
  double clock = 0;
  for (int i = 0; i < n; ++i) {
    PlacedGlyph placed;
    placed.timeline = timelines[i];
    placed.left = vertical ? 0 : i * cell;
    placed.top = vertical ? i * cell : 0;
    placed.start = clock;
    clock += timelines[i]->duration() + delay_between_characters;
    page.glyphs.push_back(std::move(placed));
  }
  return page;
}

void Page::check_size(int64_t characters, int cell, bool vertical) {
  const int64_t length = characters * cell;
  check_image_size(vertical ? cell : length, vertical ? length : cell,
                   "a page of " + std::to_string(characters) + " characters at " + std::to_string(cell) + " px");
}

double Page::duration() const {
  double end = 0;
  for (const PlacedGlyph& g : glyphs) end = std::max(end, g.start + g.timeline->duration());
  return end;
}

Coverage Page::darkness_at(double seconds) const {
  // Only a page made into an image is held to an image's limits; as a layout (the viewer's
  // canvas, which scales it to fit) it may be longer.
  check_size(static_cast<int64_t>(glyphs.size()), glyphs.empty() ? 0 : glyphs.front().timeline->display_size(), height > width);
  Coverage out(width, height);
  for (const PlacedGlyph& g : glyphs) {
    if (seconds < g.start) continue;
    const Coverage cell = g.timeline->darkness_at(seconds - g.start);
    for (int y = 0; y < cell.height && g.top + y < height; ++y)
      for (int x = 0; x < cell.width && g.left + x < width; ++x)
        out.at(g.left + x, g.top + y) = std::max(out.at(g.left + x, g.top + y), cell.at(x, y));
  }
  return out;
}

Image Page::render(double seconds, const InkColors& colors) const {
  const Coverage darkness = darkness_at(seconds);  // checks the page's size first
  Image image(width, height, colors.paper);
  image.blend(darkness, 0, 0, colors.ink);
  return image;
}

}  // namespace ink
