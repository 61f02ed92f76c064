// place_page, cover_canvas and lay_ink: the arithmetic of putting writing on a painting.
#include "ink/render/painting.h"

#include <algorithm>
#include <cmath>

namespace ink {
namespace {

// The value of `c` over the canvas pixel [x, x+1) x [y, y+1) mapped back into page pixels by
// `at`: the mean over the page pixels it covers when it covers more than one (shrinking), else
// a bilinear sample at its centre (enlarging).
float sample(const Coverage& c, const PlacedPage& at, int x, int y) {
  const float span = 1.0f / at.scale;  // page pixels per canvas pixel
  const float u0 = (static_cast<float>(x) - at.left) * span, v0 = (static_cast<float>(y) - at.top) * span;
  if (span > 1.0f) {
    const int x0 = std::max(0, static_cast<int>(std::floor(u0))), x1 = std::min(c.width, static_cast<int>(std::ceil(u0 + span)));
    const int y0 = std::max(0, static_cast<int>(std::floor(v0))), y1 = std::min(c.height, static_cast<int>(std::ceil(v0 + span)));
    float sum = 0;
    int count = 0;
    for (int v = y0; v < y1; ++v)
      for (int u = x0; u < x1; ++u) sum += c.at(u, v), ++count;
    return count > 0 ? sum / static_cast<float>(std::max(count, static_cast<int>(span * span))) : 0.0f;
  }
  const float u = u0 + span / 2 - 0.5f, v = v0 + span / 2 - 0.5f;
  const int iu = static_cast<int>(std::floor(u)), iv = static_cast<int>(std::floor(v));
  const float fu = u - static_cast<float>(iu), fv = v - static_cast<float>(iv);
  auto at_clamped = [&](int px, int py) {
    if (px < 0 || py < 0 || px >= c.width || py >= c.height) return 0.0f;
    return c.at(px, py);
  };
  return (1 - fv) * ((1 - fu) * at_clamped(iu, iv) + fu * at_clamped(iu + 1, iv)) +
         fv * ((1 - fu) * at_clamped(iu, iv + 1) + fu * at_clamped(iu + 1, iv + 1));
}

}  // namespace

PlacedPage place_page(int canvas_w, int canvas_h, int page_w, int page_h, const Placement& placement) {
  const float fit = std::min((static_cast<float>(canvas_w) - 2 * kCanvasMargin) / static_cast<float>(page_w),
                             (static_cast<float>(canvas_h) - 2 * kCanvasMargin) / static_cast<float>(page_h));
  PlacedPage at;
  at.scale = std::max(0.01f, fit * placement.scale);
  at.left = placement.x * static_cast<float>(canvas_w) - static_cast<float>(page_w) * at.scale / 2;
  at.top = placement.y * static_cast<float>(canvas_h) - static_cast<float>(page_h) * at.scale / 2;
  return at;
}

Image cover_canvas(const Image& painting, int width, int height) {
  Image out(width, height, Rgb{});
  // The painting's pixels per canvas pixel, the same both ways; the overflow is cut evenly.
  const float step = std::min(static_cast<float>(painting.width) / static_cast<float>(width),
                              static_cast<float>(painting.height) / static_cast<float>(height));
  const float left = (static_cast<float>(painting.width) - step * static_cast<float>(width)) / 2;
  const float top = (static_cast<float>(painting.height) - step * static_cast<float>(height)) / 2;
  for (int y = 0; y < height; ++y) {
    const float sy = std::clamp(top + (static_cast<float>(y) + 0.5f) * step - 0.5f, 0.0f, static_cast<float>(painting.height - 1));
    const int y0 = static_cast<int>(sy), y1 = std::min(painting.height - 1, y0 + 1);
    const float fy = sy - static_cast<float>(y0);
    for (int x = 0; x < width; ++x) {
      const float sx = std::clamp(left + (static_cast<float>(x) + 0.5f) * step - 0.5f, 0.0f, static_cast<float>(painting.width - 1));
      const int x0 = static_cast<int>(sx), x1 = std::min(painting.width - 1, x0 + 1);
      const float fx = sx - static_cast<float>(x0);
      const Rgb a = painting.at(x0, y0), b = painting.at(x1, y0), c = painting.at(x0, y1), d = painting.at(x1, y1);
      auto mix = [&](uint8_t p, uint8_t q, uint8_t r, uint8_t s) {
        return static_cast<uint8_t>(std::lround((1 - fy) * ((1 - fx) * p + fx * q) + fy * ((1 - fx) * r + fx * s)));
      };
      uint8_t* pixel = &out.pixels[(static_cast<size_t>(y) * width + x) * 3];
      pixel[0] = mix(a.r, b.r, c.r, d.r);
      pixel[1] = mix(a.g, b.g, c.g, d.g);
      pixel[2] = mix(a.b, b.b, c.b, d.b);
    }
  }
  return out;
}

void lay_ink(Image& canvas, const Coverage& darkness, const PlacedPage& at, Rgb ink) {
  const int x0 = std::max(0, static_cast<int>(std::floor(at.left)));
  const int y0 = std::max(0, static_cast<int>(std::floor(at.top)));
  const int x1 = std::min(canvas.width, static_cast<int>(std::ceil(at.left + static_cast<float>(darkness.width) * at.scale)));
  const int y1 = std::min(canvas.height, static_cast<int>(std::ceil(at.top + static_cast<float>(darkness.height) * at.scale)));
  if (x1 <= x0 || y1 <= y0) return;
  Coverage resampled(x1 - x0, y1 - y0);
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) resampled.at(x - x0, y - y0) = sample(darkness, at, x, y);
  canvas.blend(resampled, x0, y0, ink);
}

}  // namespace ink
