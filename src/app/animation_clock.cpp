// The animation clock: time only moves forward while playing, clamped to what the model has
// written and to the end of the page.
#include "animation_clock.h"

#include <algorithm>

namespace ink::app {

void AnimationClock::advance(double wall_seconds) {
  if (!playing_) return;
  time_ = std::min({time_ + wall_seconds * speed, std::max(time_, limit_), end_});
}

void AnimationClock::seek(double seconds) { time_ = std::clamp(seconds, 0.0, std::max(0.0, std::min(limit_, end_))); }

void AnimationClock::step(const std::vector<double>& moments) {
  playing_ = false;
  for (double start : moments)
    if (start > time_ + 1e-6) {
      seek(start);
      return;
    }
  seek(end_);
}

}  // namespace ink::app
