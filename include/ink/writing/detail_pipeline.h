// The detail stage on a thread of its own: each stroke goes to it as the writer finishes it, so
// drawing stroke k at 256 px overlaps writing stroke k + 1. The writer's model calls keep one
// core (WriterSettings::model_threads); this thread takes the other (docs/model.md, Speed).
// No torch in this header.
#pragma once
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "ink/writing/detail_stage.h"

namespace ink {

class DetailPipeline {
 public:
  explicit DetailPipeline(std::shared_ptr<const DetailStage> stage);
  ~DetailPipeline();  // without finish(): drops the strokes not yet drawn, waits for the one being drawn
  DetailPipeline(const DetailPipeline&) = delete;
  DetailPipeline& operator=(const DetailPipeline&) = delete;

  void add(Coverage stroke, Polyline median);
  // Every added stroke at the stage's size, in the order added. Rethrows the first error a
  // stroke threw.
  std::vector<Coverage> finish();

 private:
  struct Job {
    Coverage stroke;
    Polyline median;
  };
  void run();
  void close();

  std::shared_ptr<const DetailStage> stage_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> jobs_;
  bool closing_ = false;
  std::vector<Coverage> drawn_;
  std::exception_ptr error_;
  std::thread thread_;  // last: starts once the rest is ready
};

}  // namespace ink
