// BackgroundTask: a thread per task, joined before the next one starts.
#include "background_task.h"

#include <exception>

namespace ink::app {

BackgroundTask::~BackgroundTask() {
  cancel_ = true;
  wait();
}

void BackgroundTask::wait() {
  if (thread_.joinable()) thread_.join();
}

bool BackgroundTask::start(std::string label, Work work) {
  if (running_) return false;
  wait();
  label_ = std::move(label);
  progress_ = 0;
  cancel_ = false;
  running_ = true;
  thread_ = std::thread([this, work = std::move(work)] {
    bool ok = false;
    std::string line;
    try {
      Control control{progress_, cancel_};
      line = work(control);
      ok = true;
    } catch (const std::exception& e) {
      line = e.what();
    }
    {
      std::lock_guard lock(mutex_);
      has_result_ = true;
      ok_ = ok;
      result_ = std::move(line);
    }
    running_ = false;
  });
  return true;
}

bool BackgroundTask::take_result(bool& ok, std::string& line) {
  std::lock_guard lock(mutex_);
  if (!has_result_) return false;
  has_result_ = false;
  ok = ok_;
  line = std::move(result_);
  return true;
}

}  // namespace ink::app
