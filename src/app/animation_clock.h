// The animation's clock in page seconds: play, pause, step to the next stroke, restart, scrub,
// speed. It never runs past `limit` (the first stroke the model has not written yet): there the
// brush waits for the model.
#pragma once
#include <limits>
#include <vector>

namespace ink::app {

class AnimationClock {
 public:
  void advance(double wall_seconds);  // called once per frame while playing
  void set_limit(double seconds) { limit_ = seconds; }
  void set_end(double seconds) { end_ = seconds; }
  void play() { playing_ = true; }
  void pause() { playing_ = false; }
  void toggle() { playing_ = !playing_; }
  void restart() { time_ = 0; playing_ = true; }
  void seek(double seconds);
  // Pauses and jumps to the first of `moments` after now (the viewer passes each stroke's end),
  // or to the end.
  void step(const std::vector<double>& moments);

  double time() const { return time_; }
  bool playing() const { return playing_; }
  bool waiting() const { return playing_ && time_ >= limit_ && limit_ < end_; }  // for the model
  double speed = 1.0;

 private:
  double time_ = 0;
  double limit_ = std::numeric_limits<double>::infinity();
  double end_ = std::numeric_limits<double>::infinity();
  bool playing_ = true;
};

}  // namespace ink::app
