// GIF encoding through giflib's EGifOpen with our own output function, so the bytes go through
// AtomicFile (giflib's own file openers create mode-0600 files and close the handle themselves).
// Each frame after the first carries only the rectangle that changed.
#include "ink/render/gif.h"

#include <gif_lib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "render/palette.h"

namespace ink {
namespace {

int write_bytes(GifFileType* gif, const GifByteType* bytes, int length) {
  static_cast<AtomicFile*>(gif->UserData)->write(bytes, static_cast<size_t>(length));
  return length;
}

void check(int status, GifFileType* gif, const std::filesystem::path& file, const char* what) {
  if (status != GIF_ERROR) return;
  throw InkError("cannot write '" + file.string() + "': " + what + " (" + GifErrorString(gif->Error) + ")");
}

// Darkness 0..1 to palette index 0..levels-1 (0 is paper).
std::vector<GifByteType> quantise(const Coverage& darkness, int levels) {
  std::vector<GifByteType> out(darkness.values.size());
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<GifByteType>(std::lround(std::clamp(darkness.values[i], 0.0f, 1.0f) * (levels - 1)));
  return out;
}

// Moments to show: every 1/fps while a stroke is drawn, sparser in between, then the hold.
std::vector<double> frame_times(const Page& page, const GifOptions& options) {
  std::vector<double> times;
  const double end = page.duration();
  const double busy_step = 1.0 / options.frames_per_second;
  double t = 0;
  while (t < end) {
    times.push_back(t);
    bool drawing = false;
    for (const PlacedGlyph& g : page.glyphs)
      for (const StrokeTiming& s : g.timeline->timings()) {
        const double a = g.start + s.start, b = a + s.duration;
        drawing = drawing || (t + options.idle_frame_seconds > a && t < b);
      }
    t += drawing ? busy_step : options.idle_frame_seconds;
  }
  times.push_back(end);
  return times;
}

// What each frame shows, as palette indices: ink tones over paper, or the writing on a painting.
class Frames {
 public:
  Frames(const Page& page, const GifOptions& options) : page_(page), options_(options) {
    if (!options.painting) {
      width_ = page.width, height_ = page.height;
      for (int i = 0; i < options.levels; ++i) {
        const float a = static_cast<float>(i) / static_cast<float>(options.levels - 1);
        auto mix = [a](uint8_t paper, uint8_t ink) { return static_cast<uint8_t>(std::lround(paper + (ink - paper) * a)); };
        colors_.push_back({mix(options.colors.paper.r, options.colors.ink.r), mix(options.colors.paper.g, options.colors.ink.g),
                           mix(options.colors.paper.b, options.colors.ink.b)});
      }
      return;
    }
    width_ = options.canvas_width > 0 ? options.canvas_width : options.painting->width;
    height_ = options.canvas_height > 0 ? options.canvas_height : options.painting->height;
    check_image_size(width_, height_, "a GIF on a painting");
    canvas_ = cover_canvas(*options.painting, width_, height_);
    at_ = place_page(width_, height_, page.width, page.height, options.placement);
    Image finished = canvas_;
    lay_ink(finished, page.darkness_at(page.duration() + 60.0), at_, options.colors.ink);
    palette_.emplace(std::vector<const Image*>{&canvas_, &finished}, 256);
    colors_ = palette_->colors();
  }

  int width() const { return width_; }
  int height() const { return height_; }
  const std::vector<Rgb>& colors() const { return colors_; }

  std::vector<GifByteType> at(double seconds) const {
    const Coverage darkness = page_.darkness_at(seconds);
    if (!palette_) return quantise(darkness, options_.levels);
    Image frame = canvas_;
    lay_ink(frame, darkness, at_, options_.colors.ink);
    std::vector<GifByteType> out(static_cast<size_t>(width_) * height_);
    for (int y = 0; y < height_; ++y)
      for (int x = 0; x < width_; ++x) {
        const size_t i = static_cast<size_t>(y) * width_ + x;
        out[i] = palette_->index({frame.pixels[i * 3], frame.pixels[i * 3 + 1], frame.pixels[i * 3 + 2]}, x, y);
      }
    return out;
  }

 private:
  const Page& page_;
  const GifOptions& options_;
  int width_ = 0, height_ = 0;
  std::vector<Rgb> colors_;
  Image canvas_;
  PlacedPage at_;
  std::optional<Palette> palette_;
};

}  // namespace

GifReport write_page_gif(const Page& page, const std::filesystem::path& file, const GifOptions& options) {
  if (options.levels < 2 || options.levels > 256) throw InkError("GIF: levels must be 2..256");
  AtomicFile out(file);
  int error = 0;
  GifFileType* gif = EGifOpen(&out, write_bytes, &error);
  if (!gif) throw InkError("cannot write '" + file.string() + "': " + GifErrorString(error));
  struct Closer {
    GifFileType* gif;
    ~Closer() {
      if (gif) EGifCloseFile(gif, nullptr);
    }
  } closer{gif};
  EGifSetGifVersion(gif, true);  // GIF89a: needed for frame delays and looping; set before the header

  const Frames frames(page, options);
  const int width = frames.width(), height = frames.height();
  int bits = 1;
  while ((1 << bits) < static_cast<int>(frames.colors().size())) ++bits;
  std::vector<GifColorType> colors(static_cast<size_t>(1) << bits);
  for (size_t i = 0; i < frames.colors().size(); ++i) colors[i] = {frames.colors()[i].r, frames.colors()[i].g, frames.colors()[i].b};
  ColorMapObject* map = GifMakeMapObject(static_cast<int>(colors.size()), colors.data());
  const int status = EGifPutScreenDesc(gif, width, height, bits, 0, map);
  GifFreeMapObject(map);
  check(status, gif, file, "screen descriptor");

  // NETSCAPE2.0: loop forever.
  check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE), gif, file, "loop extension");
  check(EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0"), gif, file, "loop extension");
  const unsigned char loop[3] = {1, 0, 0};
  check(EGifPutExtensionBlock(gif, 3, loop), gif, file, "loop extension");
  check(EGifPutExtensionTrailer(gif), gif, file, "loop extension");

  const std::vector<double> times = frame_times(page, options);
  std::vector<GifByteType> previous;
  GifReport report;
  report.seconds = page.duration() + options.hold_seconds;
  for (size_t f = 0; f < times.size(); ++f) {
    const std::vector<GifByteType> frame = frames.at(times[f]);
    // The rectangle that changed since the last frame (the whole canvas for the first).
    int x0 = 0, y0 = 0, x1 = width - 1, y1 = height - 1;
    if (!previous.empty()) {
      x0 = width, y0 = height, x1 = -1, y1 = -1;
      for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
          const size_t i = static_cast<size_t>(y) * width + x;
          if (frame[i] == previous[i]) continue;
          x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
        }
      if (x1 < 0) x0 = y0 = x1 = y1 = 0;  // nothing changed: a 1-pixel frame carries the delay
    }
    const double next = f + 1 < times.size() ? times[f + 1] : times[f] + options.hold_seconds;
    GraphicsControlBlock gcb{};
    gcb.DisposalMode = DISPOSE_DO_NOT;
    gcb.TransparentColor = NO_TRANSPARENT_COLOR;
    gcb.DelayTime = std::max(2, static_cast<int>(std::lround((next - times[f]) * 100)));
    GifByteType extension[4];
    EGifGCBToExtension(&gcb, extension);
    check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, extension), gif, file, "frame timing");
    const int w = x1 - x0 + 1, h = y1 - y0 + 1;
    check(EGifPutImageDesc(gif, x0, y0, w, h, false, nullptr), gif, file, "frame descriptor");
    for (int y = y0; y <= y1; ++y)
      check(EGifPutLine(gif, const_cast<GifByteType*>(frame.data()) + static_cast<size_t>(y) * width + x0, w), gif,
            file, "frame pixels");
    previous = frame;
    ++report.frames;
    if (options.on_frame && !options.on_frame(report.frames, static_cast<int>(times.size())))
      throw InkError("export of '" + file.string() + "' cancelled");
  }
  int close_error = 0;
  closer.gif = nullptr;
  if (EGifCloseFile(gif, &close_error) == GIF_ERROR)
    throw InkError("cannot write '" + file.string() + "': " + GifErrorString(close_error));
  report.bytes = out.tell();
  out.commit();
  return report;
}

}  // namespace ink
