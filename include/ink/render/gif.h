// Animated GIF export of a page being written (giflib): a small palette of ink tones on paper,
// looping, each frame only the rectangle that changed. Written atomically.
#pragma once
#include <filesystem>
#include <functional>

#include "ink/render/page.h"

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
};

struct GifReport {
  int frames = 0;
  size_t bytes = 0;
  double seconds = 0;  // animation length
};

// Throws InkError "cannot write 'PATH': ..." for an unwritable path; leaves no partial file.
GifReport write_page_gif(const Page& page, const std::filesystem::path& file, const GifOptions& options = {});

}  // namespace ink
