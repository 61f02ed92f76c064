// One background task at a time with a progress fraction, a cancel flag and a result line for
// the window (docs/design.md, Background tasks: progress, cancel and a hand-back to the UI).
// Used for exports and image loading; the writing itself has its own thread (WritingJob).
#pragma once
#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace ink::app {

class BackgroundTask {
 public:
  struct Control {
    std::atomic<float>& progress;
    const std::atomic<bool>& cancel;
  };
  // `work` returns the line to show when it succeeds; an exception's message is shown instead.
  using Work = std::function<std::string(Control&)>;

  ~BackgroundTask();
  // False (and nothing started) while another task is running.
  bool start(std::string label, Work work);
  void cancel() { cancel_ = true; }
  bool running() const { return running_; }
  float progress() const { return progress_; }
  const std::string& label() const { return label_; }
  // The result of a finished task, once: {true, line} or {false, error}; empty when none.
  bool take_result(bool& ok, std::string& line);
  void wait();

 private:
  std::thread thread_;
  std::atomic<bool> running_{false}, cancel_{false};
  std::atomic<float> progress_{0};
  std::string label_;
  std::mutex mutex_;
  bool has_result_ = false, ok_ = false;
  std::string result_;
};

}  // namespace ink::app
