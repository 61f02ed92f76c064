// A progress bar for slow work, on stderr: redrawn in place on a terminal, a line every 10%
// otherwise (logs and CI stay readable).
#pragma once
#include <chrono>
#include <cstddef>
#include <string>

namespace ink {

class ProgressBar {
 public:
  // `initial`: work already done before (a resumed job), left out of the rate and ETA.
  ProgressBar(std::string label, size_t total, size_t initial = 0);
  ~ProgressBar();
  void update(size_t done, const std::string& detail = "");
  void finish(const std::string& detail = "");
  void stop(size_t done, const std::string& detail);  // the last line of a job ended early
  // A line of its own (a warning while the job goes on), above the bar on a terminal.
  void note(const std::string& line);

 private:
  void draw(size_t done, const std::string& detail, bool final);
  std::string label_;
  size_t total_;
  size_t initial_;
  bool tty_;
  bool finished_ = false;
  int last_decile_ = -1;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

std::string format_duration(double seconds);

}  // namespace ink
