// Animated GIF export of a page being written (giflib): a small palette of ink tones on paper,
// looping, each frame only the rectangle that changed. Written atomically.
#pragma once
#include <filesystem>
#include <functional>
#include <memory>

#include "ink/render/page.h"
#include "ink/render/painting.h"

namespace ink {

struct GifOptions {
  InkColors colors;
  int levels = 16;              // ink tones from paper to full ink
  double frames_per_second = 20;  // while a stroke is being drawn
  double idle_frame_seconds = 0.25;  // between strokes, where only drying ink changes
  double hold_seconds = 2.0;    // the finished page before the loop restarts (Hanzi Writer's delayBetweenLoops)
  // Called after each frame with (frames done, frames in all); returning false abandons the
  // export (InkError "export cancelled", no file left). The viewer's progress bar and cancel.
  std::function<bool(int, int)> on_frame;
  // When set, the page is written onto this painting in full colour (a palette cut from the
  // painting and the finished writing): the painting covers a canvas of canvas_width x
  // canvas_height px (its own size when 0) and the page sits where `placement` says (painting.h).
  std::shared_ptr<const Image> painting;
  Placement placement;
  int canvas_width = 0, canvas_height = 0;
};

struct GifReport {
  int frames = 0;
  size_t bytes = 0;
  double seconds = 0;  // animation length
};

// Throws InkError "cannot write 'PATH': ..." for an unwritable path; leaves no partial file.
GifReport write_page_gif(const Page& page, const std::filesystem::path& file, const GifOptions& options = {});

}  // namespace ink
