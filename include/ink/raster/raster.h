// Anti-aliased coverage from outlines and skeletons, through FreeType's rasteriser.
// Coverage is float in [0, 1], row-major, row 0 at the top; unions are taken with max().
#pragma once
#include <memory>
#include <vector>

#include "ink/data/glyph.h"
#include "ink/data/outline.h"

namespace ink {

struct Coverage {
  int width = 0, height = 0;
  std::vector<float> values;

  Coverage() = default;
  Coverage(int w, int h) : width(w), height(h), values(static_cast<size_t>(w) * h, 0.0f) {}
  float& at(int x, int y) { return values[static_cast<size_t>(y) * width + x]; }
  float at(int x, int y) const { return values[static_cast<size_t>(y) * width + x]; }
  void max_with(const Coverage& other);
  float sum() const;
};

// Ink-agreement between two coverage maps thresholded at 0.5: |A and B| / |A or B|.
float coverage_iou(const Coverage& a, const Coverage& b);

// Where the ink is and how far it spreads, coverage-weighted, in pixels (a pixel's centre is at
// +0.5). Empty ink: mass 0, centre (0, 0), spreads 1.
struct InkMoments {
  Point centre;
  float sigma_x = 1, sigma_y = 1, mass = 0;
  float covariance_xy = 0;  // with the sigmas, the ink's second moments: its principal axis
};
InkMoments ink_moments(const Coverage& c);

// Owns a FreeType library handle; one per thread (FreeType handles are not thread-safe).
class Rasterizer {
 public:
  Rasterizer();
  ~Rasterizer();
  Rasterizer(const Rasterizer&) = delete;
  Rasterizer& operator=(const Rasterizer&) = delete;

  // Fills `outline` (non-zero winding) mapped by `to_pixels`, max-combined into `into`.
  void fill(const Outline& outline, const BoxToPixels& to_pixels, Coverage& into);
  Coverage fill(const Outline& outline, const BoxToPixels& to_pixels, int width, int height);
  // Every stroke of the glyph, the whole box drawn `size` pixels square.
  Coverage fill_glyph(const Glyph& glyph, int size);

  // Draws `median` as a round-capped line `width_px` wide whose value ramps from `ramp_from` at
  // its first point to `ramp_to` at its last (by arc length), max-combined into `into`.
  void skeleton(const Polyline& median, const BoxToPixels& to_pixels, float width_px, float ramp_from,
                float ramp_to, Coverage& into);
  // The same for a polyline already in pixels (y down), e.g. guide lines.
  void skeleton_px(const Polyline& pixels, float width_px, float ramp_from, float ramp_to, Coverage& into);

  struct Library;  // FreeType state, shared with FontFace

 private:
  std::shared_ptr<Library> library_;
  friend class FontFace;
};

// Where along a polyline (fraction of arc length, 0..1) the point nearest to `p` lies.
float arc_fraction_nearest(const Polyline& line, Point p);

}  // namespace ink
