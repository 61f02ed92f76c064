// The writing thread: a queue of commands (start, redo, resume), each run to the end of the
// text unless cancelled; every finished stroke is published as a new snapshot. A new display
// size is taken between strokes, or at once when idle.
#include "writing_job.h"

#include <cstdio>

#include "ink/alignment/glyph_split.h"
#include "ink/base/error.h"
#include "ink/base/utf8.h"
#include "ink/writing/detail_stage.h"

namespace ink::app {

struct WritingJob::Command {
  enum class Kind { start, redo, resume } kind = Kind::resume;
  WritingRequest request;
  int character = 0, stroke = 0;
  uint64_t seed = 0;
};

// Everything here belongs to the worker thread.
struct WritingJob::Worker {
  std::filesystem::path model_dir;
  ConditioningMode mode = ConditioningMode::stroke;
  std::shared_ptr<DiffusionModel> model;
  WritingRequest request;
  std::vector<Glyph> glyphs;  // where the style's layout puts the strokes
  std::vector<std::unique_ptr<StrokeWriter>> writers;  // stroke mode
  std::vector<uint64_t> seeds;                         // whole mode, per character
  std::vector<CharacterView> views;
  // Stroke mode: the model's detail stage, when it has one, and the strokes of the character
  // being written through it (kept for that character only: memory stays that of 64 px strokes).
  std::shared_ptr<const DetailStage> detail;
  int drawn_character = -1;
  std::vector<Coverage> drawn;
};

namespace {

std::string describe(char32_t c) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
  return "'" + encode_utf8(c) + "' (" + hex + ")";
}

std::shared_ptr<const std::vector<Coverage>> blank_strokes(size_t count, int size) {
  return std::make_shared<const std::vector<Coverage>>(count, Coverage(size, size));
}

// Rebuilds the brush timeline and the shader's texture from the strokes written so far, or from
// `drawn`, the same strokes through the detail stage.
void refresh(CharacterView& view, int display_size, const std::vector<Coverage>* drawn = nullptr) {
  auto timeline = std::make_shared<BrushTimeline>(drawn ? *drawn : *view.strokes, view.medians, display_size);
  view.texture = std::make_shared<GlyphTextureData>(glyph_texture_data(*timeline));
  view.timeline = std::move(timeline);
  ++view.revision;
}

}  // namespace

WritingJob::WritingJob(std::shared_ptr<const StrokeLibrary> library, std::function<void()> after_post)
    : library_(std::move(library)), after_post_(std::move(after_post)), worker_(std::make_unique<Worker>()), thread_([this] { run(); }) {}

WritingJob::~WritingJob() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
    pending_.clear();
  }
  cancel_ = true;
  wake_.notify_all();
  thread_.join();
}

void WritingJob::post(Command command) {
  {
    std::lock_guard lock(mutex_);
    pending_.push_back(std::move(command));
    progress_.busy = true;
    // Whatever runs now stops at its next denoising step; the queue carries on. Set under the
    // lock, so a worker that takes this command (and clears the flag) cannot be cancelled by it.
    cancel_ = true;
  }
  if (after_post_) after_post_();
  wake_.notify_all();
}

void WritingJob::start(WritingRequest request) {
  {
    std::lock_guard lock(mutex_);
    display_size_ = request.display_size;
  }
  Command command;
  command.kind = Command::Kind::start;
  command.request = std::move(request);
  post(std::move(command));
}

void WritingJob::redo(int character, int stroke, uint64_t seed) {
  Command command;
  command.kind = Command::Kind::redo;
  command.character = character;
  command.stroke = stroke;
  command.seed = seed;
  post(std::move(command));
}

void WritingJob::resume() { post(Command{}); }

void WritingJob::resize(int display_size) {
  {
    std::lock_guard lock(mutex_);
    display_size_ = display_size;
  }
  wake_.notify_all();
}

void WritingJob::cancel() {
  std::lock_guard lock(mutex_);
  pending_.clear();
  cancel_ = true;
}

JobProgress WritingJob::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

std::vector<CharacterView> WritingJob::characters() const {
  std::lock_guard lock(mutex_);
  return characters_;
}

std::vector<std::string> WritingJob::styles() const {
  std::lock_guard lock(mutex_);
  return styles_;
}

std::vector<std::string> WritingJob::take_messages() {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  out.swap(messages_);
  return out;
}

void WritingJob::run() {
  Worker& w = *worker_;
  // Publishes the worker's views and progress to the frame loop.
  auto publish = [&](const std::string& label) {
    size_t done = 0, total = 0;
    for (const CharacterView& v : w.views) {
      const bool by_stroke = w.request.mode == ConditioningMode::stroke;
      done += by_stroke ? v.written : v.complete();
      total += by_stroke ? v.stroke_count() : 1;
    }
    std::lock_guard lock(mutex_);
    characters_ = w.views;
    progress_.done = done;
    progress_.total = total;
    progress_.label = label;
    ++revision_;
  };
  auto note = [&](const std::string& message) {
    std::lock_guard lock(mutex_);
    messages_.push_back(message);
    ++revision_;
  };

  auto open = [&](const WritingRequest& request) {
    w.request = request;
    w.drawn_character = -1;
    w.glyphs.clear();
    w.writers.clear();
    w.seeds.clear();
    w.views.clear();
    publish("");
    std::vector<const Glyph*> glyphs;
    for (char32_t c : request.text) {
      if (c == U' ' || c == U'\n' || c == U'\t') continue;
      if (!library_->contains(c)) {
        note("no stroke data for " + describe(c) + "; left out");
        continue;
      }
      glyphs.push_back(&library_->glyph(c));
    }
    if (!w.model || w.model_dir != request.model_dir || w.mode != request.mode) {
      w.model.reset();
      {
        std::lock_guard lock(mutex_);
        styles_.clear();
      }
      w.model = open_model(request.model_dir, request.mode);
      w.detail = request.mode == ConditioningMode::stroke ? DetailStage::of_model(request.model_dir) : nullptr;
      w.model_dir = request.model_dir;
      w.mode = request.mode;
      std::lock_guard lock(mutex_);
      styles_ = summary_of(*w.model).styles;
    }
    w.request.settings.style = style_id(*w.model, request.style);
    set_styled_weight(w.request.settings, *w.model, request.style);
    const int sample = summary_of(*w.model).sample_size;
    std::u32string kept_inside;  // one note for the whole text: a large hand moves most characters
    for (const Glyph* data_glyph : glyphs) {
      bool clamped = false;
      const Glyph glyph = styled_glyph(*w.model, *data_glyph, request.style, w.request.settings.style_strength, &clamped);
      if (clamped) kept_inside += glyph.codepoint;
      CharacterView view;
      view.codepoint = glyph.codepoint;
      for (const Stroke& s : glyph.strokes) view.medians.push_back(s.median);
      view.strokes = blank_strokes(view.medians.size(), sample);
      refresh(view, request.display_size);
      w.views.push_back(std::move(view));
      w.seeds.push_back(w.request.settings.seed);
      if (request.mode == ConditioningMode::stroke) w.writers.push_back(std::make_unique<StrokeWriter>(w.model, glyph, w.request.settings));
      w.glyphs.push_back(glyph);
    }
    if (!kept_inside.empty()) note(kept_inside_note(request.style, kept_inside, glyphs.size()));
    publish("");
  };

  // The detail stage draws strokes once they are shown larger than twice the model's size; below
  // that the 64 px stroke holds all the window can show.
  auto detailed = [&] { return w.detail && w.request.display_size > 2 * summary_of(*w.model).sample_size; };
  // Character i drawn again from its strokes, all of them through the detail stage when it is used.
  auto redraw = [&](size_t i) {
    CharacterView& view = w.views[i];
    if (!detailed()) return refresh(view, w.request.display_size);
    w.drawn = w.detail->draw(*view.strokes, view.medians);
    w.drawn_character = static_cast<int>(i);
    refresh(view, w.request.display_size, &w.drawn);
  };
  // Character i after its stroke k was written: only that stroke goes through the detail stage.
  auto redraw_stroke = [&](size_t i, int k) {
    CharacterView& view = w.views[i];
    if (!detailed()) return refresh(view, w.request.display_size);
    if (w.drawn_character != static_cast<int>(i)) return redraw(i);
    w.drawn[k] = w.detail->draw((*view.strokes)[k], view.medians[k]);
    refresh(view, w.request.display_size, &w.drawn);
  };

  // Takes the size resize() asked for: every character drawn again. False when it is the same.
  auto follow_display_size = [&] {
    int wanted;
    {
      std::lock_guard lock(mutex_);
      wanted = display_size_;
    }
    if (wanted == w.request.display_size) return false;
    w.request.display_size = wanted;
    w.drawn_character = -1;
    for (size_t i = 0; i < w.views.size(); ++i) redraw(i);
    return true;
  };

  auto write_remaining = [&] {
    for (size_t i = 0; i < w.views.size(); ++i) {
      CharacterView& view = w.views[i];
      if (view.complete()) continue;
      const std::string label = "writing " + encode_utf8(view.codepoint);
      if (follow_display_size()) publish(label);
      if (w.request.mode == ConditioningMode::stroke) {
        StrokeWriter& writer = *w.writers[i];
        writer.write(
            [&](const WrittenStroke& stroke) {
              std::vector<Coverage> strokes = *view.strokes;
              strokes[stroke.index] = *stroke.coverage;
              view.strokes = std::make_shared<const std::vector<Coverage>>(std::move(strokes));
              view.written = stroke.index + 1;
              if (!follow_display_size()) redraw_stroke(i, stroke.index);
              publish(label);
            },
            &cancel_);
      } else {
        WriterSettings settings = w.request.settings;
        settings.seed = w.seeds[i];
        GlyphWriter writer(w.model, w.glyphs[i], settings);
        const Coverage glyph = writer.write(
            [&](int, const Coverage& predicted) {
              view.preview = std::make_shared<GlyphTextureData>(preview_texture_data(predicted, w.request.display_size));
              ++view.revision;
              publish(label);
            },
            &cancel_);
        view.strokes = std::make_shared<const std::vector<Coverage>>(split_glyph_by_medians(glyph, view.medians));
        view.written = view.stroke_count();
        view.preview.reset();
        refresh(view, w.request.display_size);
        publish(label);
      }
    }
  };

  auto redo = [&](int i, int k, uint64_t seed) {
    if (i < 0 || i >= static_cast<int>(w.views.size())) return;
    CharacterView& view = w.views[i];
    k = std::clamp(k, 0, std::max(0, view.stroke_count() - 1));
    const int sample = summary_of(*w.model).sample_size;
    if (w.request.mode == ConditioningMode::stroke) {
      w.writers[i]->redo_from(k, seed);
      std::vector<Coverage> strokes = *view.strokes;
      for (int j = k; j < view.stroke_count(); ++j) strokes[j] = Coverage(sample, sample);
      view.strokes = std::make_shared<const std::vector<Coverage>>(std::move(strokes));
      view.written = std::min(view.written, k);
    } else {
      w.seeds[i] = seed;
      view.strokes = blank_strokes(view.medians.size(), sample);
      view.written = 0;
    }
    redraw(static_cast<size_t>(i));
    publish("");
  };

  while (true) {
    Command command;
    bool resize_only = false;  // woken by resize() alone: draw again, write nothing
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return quit_ || !pending_.empty() || display_size_ != w.request.display_size; });
      if (quit_) return;
      resize_only = pending_.empty();
      if (!resize_only) {
        command = std::move(pending_.front());
        pending_.erase(pending_.begin());
        cancel_ = false;
        progress_.busy = true;
      }
    }
    try {
      try {
        if (resize_only) {
          if (follow_display_size()) publish("");
          continue;
        }
        if (command.kind == Command::Kind::start) open(command.request);
        if (command.kind == Command::Kind::redo && w.model) redo(command.character, command.stroke, command.seed);
        if (w.model) write_remaining();
        publish("");
      } catch (const WritingCancelled&) {
        for (CharacterView& view : w.views)
          if (view.preview) view.preview.reset(), ++view.revision;
        publish("cancelled");
      } catch (const std::exception& e) {
        note(e.what());
        publish("");
      }
    } catch (...) {
      // Reporting failed too (out of memory copying the views): let the views go and say so,
      // rather than let the exception end the process from this thread.
      w.views.clear();
      try {
        note("out of memory while writing; the page was cleared");
      } catch (...) {
      }
    }
    std::lock_guard lock(mutex_);
    progress_.busy = !pending_.empty();
    ++revision_;
  }
}

}  // namespace ink::app
