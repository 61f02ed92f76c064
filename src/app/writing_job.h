// The viewer's model work, on one background thread (docs/design.md, Background tasks): writing
// each character of the text stroke by stroke (or whole), redoing strokes, cancelling. The frame
// loop only copies snapshots; it never waits for the model. Stroke k+1 is generated while the
// brush is still drawing stroke k, so the brush waits only when the model is slower than it.
#pragma once
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "glyph_texture.h"
#include "ink/data/stroke_library.h"
#include "ink/writing/writer.h"

namespace ink::app {

struct WritingRequest {
  std::u32string text;
  ConditioningMode mode = ConditioningMode::stroke;
  std::filesystem::path model_dir;
  std::string style;
  WriterSettings settings;
  int display_size = 512;
};

// One character as the window shows it. Snapshots share their (immutable) parts.
struct CharacterView {
  char32_t codepoint = 0;
  std::vector<Polyline> medians;  // the brush paths, 1024 box
  // Model resolution; blank where not written yet. Shared by the snapshots: the worker replaces
  // the vector when a stroke changes, so copying a view copies no strokes.
  std::shared_ptr<const std::vector<Coverage>> strokes;
  int written = 0;                // strokes 0..written-1 are final
  std::shared_ptr<const BrushTimeline> timeline;     // the written strokes at display size
  std::shared_ptr<const GlyphTextureData> texture;   // what the shader reads
  std::shared_ptr<const GlyphTextureData> preview;   // whole mode, while denoising
  uint64_t revision = 0;          // changes whenever anything above does
  int stroke_count() const { return static_cast<int>(medians.size()); }
  bool complete() const { return written == stroke_count(); }
};

struct JobProgress {
  bool busy = false;
  size_t done = 0, total = 0;  // strokes (stroke mode) or characters (whole mode)
  std::string label;
};

class WritingJob {
 public:
  // `after_post`, if given, runs in every post() between queuing a command and waking the
  // worker: a test stretches that moment with it to show no command is lost there.
  explicit WritingJob(std::shared_ptr<const StrokeLibrary> library, std::function<void()> after_post = {});
  ~WritingJob();  // cancels and joins
  WritingJob(const WritingJob&) = delete;
  WritingJob& operator=(const WritingJob&) = delete;

  void start(WritingRequest request);  // replaces whatever was being written
  // Regenerates stroke k of character i and every stroke after it (whole mode: the character).
  void redo(int character, int stroke, uint64_t seed);
  void resume();  // carries on after cancel()
  // Draws every character at `display_size` px from now on, the written ones again at once:
  // the size the window shows them. Between strokes: nothing being written is cancelled.
  void resize(int display_size);
  void cancel();  // stops between denoising steps; finished strokes stay

  JobProgress progress() const;
  uint64_t revision() const { return revision_.load(); }  // bumps with every published change
  std::vector<CharacterView> characters() const;
  std::vector<std::string> styles() const;  // of the model last opened
  std::vector<std::string> take_messages();  // errors and notes for the window, oldest first

 private:
  struct Command;
  struct Worker;
  void post(Command command);
  void run();

  std::shared_ptr<const StrokeLibrary> library_;
  std::function<void()> after_post_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Command> pending_;
  bool quit_ = false;
  int display_size_ = 512;  // what resize() or start() asked for last
  std::atomic<bool> cancel_{false};
  std::atomic<uint64_t> revision_{0};
  std::vector<CharacterView> characters_;
  std::vector<std::string> styles_;
  std::vector<std::string> messages_;
  JobProgress progress_;
  std::unique_ptr<Worker> worker_;  // touched by the worker thread only
  std::thread thread_;
};

}  // namespace ink::app
