// The viewer's threads without a window: the writing job's commands against each other (a
// command posted while another runs is never lost), and background tasks started, cancelled and
// destroyed while they run. Run under ThreadSanitizer by `tools/test --thread`.
#include "torch_catch.h"

#include <chrono>
#include <thread>

#include "background_task.h"
#include "ink/model/model_config.h"
#include "ink/styles/style_layouts.h"
#include "ink/training/detail_training.h"
#include "test_helpers.h"
#include "tiny_model.h"
#include "writing_job.h"

using namespace ink;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<const StrokeLibrary> sample() { return std::make_shared<StrokeLibrary>(test::sample_library()); }

app::WritingRequest request_for(const std::filesystem::path& model_dir, std::u32string text) {
  app::WritingRequest request;
  request.text = std::move(text);
  request.model_dir = model_dir;
  request.settings.steps = 1;
  request.display_size = 32;
  return request;
}

// Waits until the job has nothing left to do; false after 20 s.
bool wait_idle(const app::WritingJob& job) {
  const auto give_up = std::chrono::steady_clock::now() + 20s;
  while (job.progress().busy)
    if (std::chrono::steady_clock::now() > give_up) return false;
    else std::this_thread::sleep_for(100us);
  return true;
}

}  // namespace

TEST_CASE("a command posted while the writing job takes another is never cancelled by its own post", "[writing_job]") {
  test::TempDir dir;
  torch::set_num_threads(1);
  // Each post pauses between queuing its command and waking the worker, so a worker still busy
  // with the resumes before it takes the redo inside that pause. Were the post's cancel flag
  // raised only after the pause, it would stop the redo it had just queued.
  app::WritingJob job(sample(), [] { std::this_thread::sleep_for(2ms); });
  job.start(request_for(test::save_tiny_model(dir.path(), ConditioningMode::stroke), U"永"));
  REQUIRE(wait_idle(job));
  REQUIRE(job.characters().at(0).complete());
  for (int round = 0; round < 30; ++round) {
    for (int i = 0; i < round % 4; ++i) job.resume();
    job.redo(0, 0, static_cast<uint64_t>(round));
    REQUIRE(wait_idle(job));
    INFO("round " << round << ", progress label '" << job.progress().label << "'");
    REQUIRE(job.characters().at(0).complete());
  }
}

TEST_CASE("a hand that writes past the box says so once for the whole text", "[writing_job]") {
  test::TempDir dir;
  const std::filesystem::path model =
      resolve_model_file(test::save_tiny_model(dir.path(), ConditioningMode::stroke, {"hanzi-writer-data", "big"}), ConditioningMode::stroke);
  Layout big;
  big.scale_x = big.scale_y = 1.8f;
  save_layouts(layouts_file(model), {{"big", big}}, "a test");
  app::WritingJob job(sample());
  app::WritingRequest request = request_for(model, U"永干");
  request.style = "big";
  job.start(request);
  REQUIRE(wait_idle(job));
  const std::vector<std::string> messages = job.take_messages();
  REQUIRE(messages.size() == 1);
  CHECK(messages[0] == "style 'big' placed 2 of 2 characters past the box's edge (永干); kept inside");
}

TEST_CASE("the writing job ends promptly when destroyed mid-text, from any state", "[writing_job]") {
  test::TempDir dir;
  torch::set_num_threads(1);
  const auto model = test::save_tiny_model(dir.path(), ConditioningMode::stroke);
  for (int wait_us : {0, 50, 500, 5000}) {
    const auto started = std::chrono::steady_clock::now();
    {
      app::WritingJob job(sample());
      job.start(request_for(model, U"永永永永永永永永"));
      std::this_thread::sleep_for(std::chrono::microseconds(wait_us));
      job.redo(0, 2, 9);
      if (wait_us % 2) job.cancel();
    }
    CHECK(std::chrono::steady_clock::now() - started < 5s);
  }
}

TEST_CASE("a new display size redraws every character, between strokes, and cancels nothing", "[writing_job]") {
  test::TempDir dir;
  torch::set_num_threads(1);
  const auto model = test::save_tiny_model(dir.path(), ConditioningMode::stroke);
  app::WritingJob job(sample());
  // Resized while writing: the text is still written to the end, every character at the new size.
  job.start(request_for(model, U"永永永"));
  std::this_thread::sleep_for(1ms);
  job.resize(48);
  REQUIRE(wait_idle(job));
  std::vector<app::CharacterView> views = job.characters();
  REQUIRE(views.size() == 3);
  for (const app::CharacterView& view : views) {
    CHECK(view.complete());
    CHECK(view.timeline->display_size() == 48);
    CHECK(view.texture->size == 48);
  }
  // Resized when idle: drawn again at once, the strokes as they were, nothing written anew.
  const std::vector<float> first_stroke = (*views[0].strokes)[0].values;
  const uint64_t revision = job.revision();
  job.resize(96);
  const auto give_up = std::chrono::steady_clock::now() + 20s;
  while (job.characters().at(2).timeline->display_size() != 96 && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(100us);
  views = job.characters();
  CHECK(job.revision() > revision);
  for (const app::CharacterView& view : views) CHECK(view.timeline->display_size() == 96);
  CHECK((*views[0].strokes)[0].values == first_stroke);
  CHECK_FALSE(job.progress().busy);
}

TEST_CASE("with a detail stage, strokes shown large are drawn through it, when written, resized and redone", "[writing_job]") {
  test::TempDir dir;
  torch::set_num_threads(1);
  const auto model_dir = test::save_tiny_model(dir.path(), ConditioningMode::stroke);
  auto final_ink = [&](int display_size) {
    app::WritingJob job(sample());
    app::WritingRequest request = request_for(model_dir, U"永十");
    request.display_size = display_size;
    job.start(request);
    REQUIRE(wait_idle(job));
    job.redo(1, 0, 5);
    REQUIRE(wait_idle(job));
    job.resize(display_size + 16);
    const auto give_up = std::chrono::steady_clock::now() + 20s;
    while (job.characters().at(1).timeline->display_size() != display_size + 16 && std::chrono::steady_clock::now() < give_up)
      std::this_thread::sleep_for(100us);
    const std::vector<app::CharacterView> views = job.characters();
    for (const app::CharacterView& view : views) REQUIRE(view.complete());
    return views.at(0).timeline->final_coverage().values;
  };
  const std::vector<float> plain = final_ink(48);
  // The model is 16 px: shown at 48 px and more, its strokes go through a 64 px detail stage
  // (untrained: the crisp edge at 64 px, then enlarged), which draws them differently.
  DetailTrainingOptions options;
  options.config.size = 64;
  options.config.channels = 4;
  options.config.dilations = {1};
  options.steps = 1;
  options.learning_rate = 0;
  train_detail_stage(open_model(model_dir, ConditioningMode::stroke), test::sample_library(), {U'十'}, {}, options, model_dir / "detail");
  const std::vector<float> detailed = final_ink(48);
  CHECK(detailed.size() == plain.size());
  CHECK(detailed != plain);
}

TEST_CASE("background tasks hand back results, cancel, and join when destroyed while running", "[writing_job]") {
  app::BackgroundTask task;
  bool ok = false;
  std::string line;
  REQUIRE(task.start("count", [](app::BackgroundTask::Control& c) {
    for (int i = 0; i < 10; ++i) c.progress = i / 10.0f;
    return std::string("counted");
  }));
  task.wait();
  REQUIRE(task.take_result(ok, line));
  CHECK(ok);
  CHECK(line == "counted");
  CHECK_FALSE(task.take_result(ok, line));

  REQUIRE(task.start("fail", [](app::BackgroundTask::Control&) -> std::string { throw InkError("x.png: cannot read image"); }));
  task.wait();
  REQUIRE(task.take_result(ok, line));
  CHECK_FALSE(ok);
  CHECK(line == "x.png: cannot read image");

  REQUIRE(task.start("until cancelled", [](app::BackgroundTask::Control& c) {
    while (!c.cancel) std::this_thread::sleep_for(100us);
    return std::string("stopped");
  }));
  CHECK_FALSE(task.start("second", [](app::BackgroundTask::Control&) { return std::string(); }));  // one at a time
  task.cancel();
  task.wait();
  REQUIRE(task.take_result(ok, line));
  CHECK(line == "stopped");

  // Destroyed while its work still writes into state owned beside it: the destructor cancels
  // and joins before that state goes.
  for (int round = 0; round < 50; ++round) {
    std::string shared;
    {
      app::BackgroundTask running;
      running.start("write", [&shared](app::BackgroundTask::Control& c) {
        do shared.assign(64, 'x');
        while (!c.cancel);
        return std::string();
      });
    }
    CHECK(shared.size() == 64);
  }
}
