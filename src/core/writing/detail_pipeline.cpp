#include "ink/writing/detail_pipeline.h"

#include "ink/model/torch_runtime.h"

namespace ink {

DetailPipeline::DetailPipeline(std::shared_ptr<const DetailStage> stage)
    : stage_(std::move(stage)), thread_([this] { run(); }) {}

DetailPipeline::~DetailPipeline() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.clear();  // unfinished: the writer threw or was cancelled, and nobody will see them
  }
  close();
}

void DetailPipeline::add(Coverage stroke, Polyline median) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back({std::move(stroke), std::move(median)});
  }
  changed_.notify_one();
}

std::vector<Coverage> DetailPipeline::finish() {
  close();
  if (error_) std::rethrow_exception(error_);
  return std::move(drawn_);
}

void DetailPipeline::close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  changed_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void DetailPipeline::run() {
  // One thread: the writer's calls have the other core, and two threads here would take it.
  const TorchThreads threads(1);
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return closing_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    if (error_) continue;  // only this thread writes it until finish() has joined
    try {
      drawn_.push_back(stage_->draw(job.stroke, job.median));
    } catch (...) {
      error_ = std::current_exception();
    }
  }
}

}  // namespace ink
