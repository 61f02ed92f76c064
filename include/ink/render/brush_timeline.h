// The brush timeline on the CPU (docs/design.md, Animation): when the brush reaches each pixel of
// each stroke, and what the glyph looks like at any moment. GIF export renders it; the viewer
// does the same in shaders from write_time_map(). Timing follows Hanzi Writer's defaults.
#pragma once
#include <vector>

#include "ink/data/outline.h"
#include "ink/raster/raster.h"
#include "ink/render/display_coverage.h"

namespace ink {

struct TimelineOptions {
  double speed = 1.0;                   // Hanzi Writer's strokeAnimationSpeed
  double delay_between_strokes = 1.0;   // seconds, Hanzi Writer's delayBetweenStrokes (1000 ms)
  double wet_seconds = 0.8;             // how long fresh ink stays visibly darker
};

struct StrokeTiming {
  double start = 0, duration = 0;  // seconds
};

// The brush tip at a moment: where, how big, and whether a stroke is being drawn.
struct BrushTip {
  bool visible = false;
  float x = 0, y = 0, radius = 0;  // display pixels
};

class BrushTimeline {
 public:
  // `strokes`: each stroke's coverage (any square resolution, e.g. the model's 64 px);
  // `medians`: each stroke's skeleton in the 1024 box (y up), the path the brush follows.
  // Coverage is drawn at the display size by upsample_coverage (display_coverage.h).
  BrushTimeline(const std::vector<Coverage>& strokes, const std::vector<Polyline>& medians, int display_size,
                TimelineOptions options = {});

  int display_size() const { return size_; }
  int stroke_count() const { return static_cast<int>(timings_.size()); }
  const std::vector<StrokeTiming>& timings() const { return timings_; }
  double duration() const;  // end of the last stroke
  // Which stroke is being drawn or was drawn last at `seconds`, and how far along it (0..1).
  void position_at(double seconds, int& stroke, double& fraction) const;
  BrushTip tip_at(double seconds) const;

  // Ink darkness in [0, 1] at `seconds` (fresh ink darker), display resolution, tip included.
  Coverage darkness_at(double seconds) const;
  // T(p) = k + a_k(p): stroke index plus arc fraction where ink first arrives; -1 on bare paper.
  Coverage write_time_map() const;
  // The same in seconds: when ink first arrives at each pixel (the viewer's shader reads it
  // beside final_coverage()); -1 on bare paper.
  Coverage ink_time_map() const;
  // The finished glyph's coverage at display resolution (smooth edges).
  const Coverage& final_coverage() const { return final_; }

 private:
  struct InkPixel {
    int index;
    float coverage;
    float fraction;  // a_k(p)
  };
  template <typename When>
  Coverage earliest_map(When when) const;
  int size_;
  TimelineOptions options_;
  std::vector<StrokeTiming> timings_;
  std::vector<std::vector<InkPixel>> pixels_;  // per stroke, where it has ink
  std::vector<Polyline> paths_;                // medians in display pixels
  std::vector<float> widths_;                  // mean stroke width, display pixels
  Coverage final_;
};

// Hanzi Writer's stroke animation time for a median of `length` box units: (length + 600) / 3
// milliseconds at speed 1.
double stroke_animation_seconds(double length, double speed);

}  // namespace ink
