// ProgressBar rendering: bar, count, rate and ETA.
#include "ink/base/progress.h"

#include <unistd.h>

#include <cstdio>

namespace ink {

ProgressBar::ProgressBar(std::string label, size_t total, size_t initial)
    : label_(std::move(label)), total_(total ? total : 1), initial_(initial), tty_(::isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

ProgressBar::~ProgressBar() {
  if (!finished_ && tty_) std::fputc('\n', stderr);  // leave the cursor on a clean line
}

std::string format_duration(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char text[32];
  if (s >= 3600) std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
  return text;
}

void ProgressBar::update(size_t done, const std::string& detail) {
  const auto now = std::chrono::steady_clock::now();
  if (tty_) {
    if (now - last_draw_ < std::chrono::milliseconds(100) && done < total_) return;
  } else {
    if (done >= total_) return;  // finish() prints the last line
    const int decile = static_cast<int>(done * 10 / total_);
    if (decile == last_decile_) return;
    last_decile_ = decile;
  }
  last_draw_ = now;
  draw(done, detail, false);
}

void ProgressBar::finish(const std::string& detail) {
  if (finished_) return;
  draw(total_, detail, true);
  finished_ = true;
}

void ProgressBar::stop(size_t done, const std::string& detail) {
  if (finished_) return;
  draw(done, detail, true);
  finished_ = true;
}

void ProgressBar::note(const std::string& line) {
  std::fprintf(stderr, "%s%s\n", tty_ ? "\r\033[K" : "", line.c_str());
  last_draw_ = {};  // the bar comes back at the next update
  std::fflush(stderr);
}

void ProgressBar::draw(size_t done, const std::string& detail, bool final) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  // A resumed job's rate counts only the work done since this bar started.
  const double rate = elapsed > 0 && done > initial_ ? (done - initial_) / elapsed : 0;
  const double fraction = static_cast<double>(done) / total_;
  constexpr int width = 28;
  std::string bar(width, ' ');
  for (int i = 0; i < static_cast<int>(fraction * width + 1e-9) && i < width; ++i) bar[i] = '#';
  const std::string timing = final ? "in " + format_duration(elapsed)
                                   : "ETA " + (rate > 0 ? format_duration((total_ - done) / rate) : std::string("?"));
  std::fprintf(stderr, "%s%s [%s] %3d%% %zu/%zu %.1f/s %s%s%s%s", tty_ ? "\r\033[K" : "", label_.c_str(),
               bar.c_str(), static_cast<int>(fraction * 100), done, total_, rate, timing.c_str(),
               detail.empty() ? "" : "  ", detail.c_str(), (!tty_ || final) ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace ink
