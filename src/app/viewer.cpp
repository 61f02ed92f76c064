// The viewer's frame: new strokes from the writing thread become textures and a page, the clock
// moves (never past what is written), results of background tasks become messages, and the
// panels and canvas are drawn.
#include "viewer.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/utf8.h"
#include "ink/render/gif.h"
#include "ink/render/stroke_vector.h"
#include "ink/writing/detail_stage.h"
#include "cell_size.h"
#include "panels.h"

namespace ink::app {
namespace {

Rgb to_rgb(const float c[3]) {
  auto byte = [](float v) { return static_cast<uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255)); };
  return {byte(c[0]), byte(c[1]), byte(c[2])};
}

// One 64 px cell per stroke: the strokes before it pale, the stroke itself in ink.
Image stroke_thumbnails(const CharacterView& view, const InkColors& colors) {
  const int cell = 64, n = std::max(1, view.stroke_count());
  Image image(cell * n, cell, colors.paper);
  for (int k = 0; k < view.written; ++k) {
    for (int j = 0; j < k; ++j) image.blend(upsample_coverage((*view.strokes)[j], cell), k * cell, 0, colors.ink, 0.22f);
    image.blend(upsample_coverage((*view.strokes)[k], cell), k * cell, 0, colors.ink, 1.0f);
  }
  return image;
}

}  // namespace

Viewer::Viewer(ViewerOptions opts, std::shared_ptr<const StrokeLibrary> lib)
    : options(std::move(opts)), library(lib), job(std::move(lib)) {
  clock.speed = options.speed;
  reload_shaders();
  if (!options.background.empty()) load_background(options.background.string());
}

void Viewer::reload_shaders() {
  try {
    renderer = std::make_unique<CanvasRenderer>(shader_dir());
    renderer_error.clear();
  } catch (const std::exception& e) {
    renderer.reset();
    renderer_error = e.what();
    note(renderer_error, true);
  }
}

void Viewer::note(std::string text, bool error) {
  messages.push_back({error, std::move(text)});
  if (messages.size() > 200) messages.erase(messages.begin());
}

InkColors Viewer::colors() const { return {to_rgb(paper_color), to_rgb(ink_color)}; }

void Viewer::write() {
  WritingRequest request;
  try {
    request.text = decode_utf8(options.text, "text");
  } catch (const std::exception& e) {
    note(e.what(), true);
    return;
  }
  if (request.text.size() > kMaxCharacters) {
    note("the viewer writes at most " + std::to_string(kMaxCharacters) + " characters at a time; this text has " +
             std::to_string(request.text.size()) + " (ink-write writes longer texts to files)",
         true);
    return;
  }
  request.mode = options.mode;
  request.model_dir = options.model_dir;
  request.style = options.style;
  request.settings = options.settings;
  if (canvas_width > 0 && canvas_height > 0) {
    const size_t written = std::count_if(request.text.begin(), request.text.end(), [](char32_t c) { return c != U' ' && c != U'\n' && c != U'\t'; });
    display_size = display_step(shown_cell_px(canvas_width, canvas_height, written, options.vertical, placement));
  }
  request.display_size = display_size;
  job.start(std::move(request));
  clock.restart();
  selected = 0;
}

void Viewer::redo(int character, int stroke) {
  if (character < 0 || character >= static_cast<int>(characters.size())) return;
  const uint64_t seed = options.settings.seed * 1000003ull + ++redo_counter;
  job.redo(character, stroke, seed);
  // Replay from a little before the redone stroke.
  if (!page.glyphs.empty() && character < static_cast<int>(page.glyphs.size())) {
    const auto& timings = page.glyphs[character].timeline->timings();
    const int k = std::clamp(stroke, 0, static_cast<int>(timings.size()) - 1);
    clock.seek(page.glyphs[character].start + timings[k].start);
    clock.play();
  }
}

void Viewer::take_snapshots() {
  for (std::string& m : job.take_messages()) note(std::move(m), true);
  const uint64_t revision = job.revision();
  if (revision == seen_revision) return;
  seen_revision = revision;
  characters = job.characters();
  textures.resize(characters.size());
  std::vector<std::shared_ptr<const BrushTimeline>> timelines;
  for (size_t i = 0; i < characters.size(); ++i) {
    const CharacterView& view = characters[i];
    CharacterTextures& t = textures[i];
    if (t.revision != view.revision) {
      if (view.texture) t.ink.upload(*view.texture);
      if (view.preview) t.preview.upload(*view.preview);
      t.revision = view.revision;
    }
    timelines.push_back(view.timeline);
  }
  page = timelines.empty() ? Page{} : Page::row(timelines, options.vertical);
  selected = std::clamp(selected, 0, std::max(0, static_cast<int>(characters.size()) - 1));
}

void Viewer::update_thumbnails() {
  if (selected >= static_cast<int>(characters.size())) return;
  const std::pair<int, uint64_t> showing{selected, characters[selected].revision};
  if (showing == thumbnails_of_) return;
  thumbnails.upload(stroke_thumbnails(characters[selected], colors()));
  thumbnails_of_ = showing;
}

double Viewer::limit() const {
  double limit = page.duration();
  for (size_t i = 0; i < characters.size() && i < page.glyphs.size(); ++i) {
    const CharacterView& view = characters[i];
    if (view.complete()) continue;
    const auto& timings = page.glyphs[i].timeline->timings();
    const double at = page.glyphs[i].start + (view.written < static_cast<int>(timings.size()) ? timings[view.written].start : 0.0);
    limit = std::min(limit, at);
  }
  return limit;
}

bool Viewer::writing_done() const {
  if (job.progress().busy) return false;
  return std::all_of(characters.begin(), characters.end(), [](const CharacterView& v) { return v.complete(); });
}

std::vector<double> Viewer::stroke_ends() const {
  std::vector<double> ends;
  for (const PlacedGlyph& g : page.glyphs)
    for (const StrokeTiming& s : g.timeline->timings()) ends.push_back(g.start + s.start + s.duration);
  std::sort(ends.begin(), ends.end());
  return ends;
}

void Viewer::take_results() {
  bool ok;
  std::string line;
  if (exporter.take_result(ok, line)) note(line, !ok);
  if (loader.take_result(ok, line)) note(line, !ok);
  std::lock_guard lock(background_mutex_);
  if (background_ready_) {
    background.upload(pending_background_);
    background_image = std::make_shared<const Image>(std::move(pending_background_));
    background_file = pending_background_file_;
    pending_background_ = Image{};
    background_ready_ = false;
  }
}

void Viewer::load_background(const std::string& file) {
  if (file.empty()) {
    background = GlTexture{};
    background_image.reset();
    background_file.clear();
    return;
  }
  loader.start("loading " + file, [this, file](BackgroundTask::Control&) {
    Image image = read_image(file);
    std::lock_guard lock(background_mutex_);
    pending_background_ = std::move(image);
    pending_background_file_ = file;
    background_ready_ = true;
    return "background: " + file + " (" + std::to_string(pending_background_.width) + "x" +
           std::to_string(pending_background_.height) + ")";
  });
}

void Viewer::export_png(const std::string& file) {
  if (!renderer) return note("cannot export PNG: " + renderer_error, true);
  Image frame = renderer->read_pixels();
  const bool started = exporter.start("PNG " + file, [frame = std::move(frame), file](BackgroundTask::Control&) {
    write_png(frame, file);
    return "wrote " + file + " (" + std::to_string(frame.width) + "x" + std::to_string(frame.height) + ")";
  });
  if (!started) note("another export is running", true);
}

std::function<std::vector<Coverage>(const CharacterView&)> Viewer::export_strokes() const {
  // As ink-write draws them: in stroke mode through the model's detail stage, when it has one.
  std::shared_ptr<const DetailStage> detail;
  if (options.mode == ConditioningMode::stroke) {
    try {
      detail = DetailStage::of_model(options.model_dir);
    } catch (const InkError&) {  // a damaged detail stage: the writing job has said so; export as written
    }
  }
  return [detail](const CharacterView& view) { return detail ? detail->draw(*view.strokes, view.medians) : *view.strokes; };
}

void Viewer::export_gif(const std::string& file) {
  if (!writing_done() || page.glyphs.empty()) return note("GIF export waits until the writing is finished", true);
  GifOptions gif;
  gif.colors = colors();
  if (background_image) {  // the painting and the placement the window shows
    gif.painting = background_image;
    gif.placement = placement;
    gif.canvas_width = canvas_width;
    gif.canvas_height = canvas_height;
  }
  // On paper, a GIF's cells are ink-write's 512 px whatever size the window shows them at; on a
  // painting, the canvas's size, as the window shows it.
  const bool on_paper = !background_image;
  const bool started = exporter.start("GIF " + file, [page = page, views = characters, vertical = options.vertical, on_paper, gif,
                                                      file, drawn = export_strokes()](BackgroundTask::Control& control) mutable {
    constexpr int kCell = 512;
    if (on_paper && page.glyphs.front().timeline->display_size() != kCell) {
      std::vector<std::shared_ptr<const BrushTimeline>> timelines;
      for (const CharacterView& view : views) timelines.push_back(std::make_shared<BrushTimeline>(drawn(view), view.medians, kCell));
      page = Page::row(std::move(timelines), vertical);
    }
    gif.on_frame = [&control](int done, int total) {
      control.progress = static_cast<float>(done) / total;
      return !control.cancel.load();
    };
    const GifReport report = write_page_gif(page, file, gif);
    char line[256];
    std::snprintf(line, sizeof line, " (%d frames, %.1f s, %.0f KB)", report.frames, report.seconds, report.bytes / 1024.0);
    return "wrote " + file + line;
  });
  if (!started) note("another export is running", true);
}

void Viewer::export_json(const std::string& file) {
  if (!writing_done() || characters.empty()) return note("JSON export waits until the writing is finished", true);
  const bool started = exporter.start("JSON " + file, [views = characters, file, drawn = export_strokes()](BackgroundTask::Control& control) {
    std::string written;
    for (size_t i = 0; i < views.size(); ++i) {
      if (control.cancel) throw InkError("export of '" + file + "' cancelled");
      const std::filesystem::path target = per_character_file(file, views[i].codepoint, views.size());
      write_file_atomic(target, hanzi_writer_json(drawn(views[i]), views[i].medians));
      written += (written.empty() ? "" : ", ") + target.string();
      control.progress = static_cast<float>(i + 1) / views.size();
    }
    return "wrote " + written;
  });
  if (!started) note("another export is running", true);
}

void Viewer::render_canvas(int width, int height) {
  canvas_width = width;
  canvas_height = height;
  if (!renderer || width <= 0 || height <= 0) return;
  CanvasScene scene;
  scene.width = width;
  scene.height = height;
  const InkColors c = colors();
  scene.paper = c.paper;
  scene.ink = c.ink;
  if (background) {
    // Cover the canvas, keeping the image's aspect ratio.
    const float canvas_aspect = static_cast<float>(width) / height, image_aspect = static_cast<float>(background.width()) / background.height();
    float w = 1, h = 1;
    if (image_aspect > canvas_aspect) w = image_aspect / canvas_aspect; else h = canvas_aspect / image_aspect;
    scene.background = background.id();
    scene.background_rect[0] = (1 - w) / 2, scene.background_rect[1] = (1 - h) / 2;
    scene.background_rect[2] = w, scene.background_rect[3] = h;
  }
  if (page.width > 0) {
    const PlacedPage at = place_page(width, height, page.width, page.height, placement);
    const float scale = at.scale, left = at.left, top = at.top;
    // Characters are drawn at the size they are shown: again, between strokes, when the window
    // or the placement changes it by a step.
    const int wanted = display_step(scale * static_cast<float>(page.glyphs.front().timeline->display_size()));
    if (wanted != display_size) job.resize(display_size = wanted);
    const double t = clock.time();
    for (size_t i = 0; i < page.glyphs.size() && i < textures.size(); ++i) {
      const PlacedGlyph& g = page.glyphs[i];
      InkedGlyph glyph;
      glyph.left = left + g.left * scale;
      glyph.top = top + g.top * scale;
      glyph.size = g.timeline->display_size() * scale;
      glyph.texture_size = g.timeline->display_size();
      if (characters[i].preview && textures[i].preview) {
        glyph.texture = textures[i].preview.id();
        glyph.texture_generation = textures[i].preview.generation();
        glyph.preview = 0.45f;
      } else {
        glyph.texture = textures[i].ink.id();
        glyph.texture_generation = textures[i].ink.generation();
        glyph.time = t - g.start;
        // Wet ink darkens by 0.1 exp(-age / wet) (shaders/ink.frag): below half an 8-bit level
        // after wet ln(51) seconds.
        glyph.settled_after = g.timeline->duration() + scene.wet_seconds * std::log(51.0);
        glyph.tip = g.timeline->tip_at(t - g.start);
      }
      scene.glyphs.push_back(glyph);
    }
  }
  cells = scene.glyphs;
  canvas_texture = renderer->render(scene);
}

void Viewer::copy_canvas(int window_height) const {
  if (!renderer || !canvas_copied || canvas_width <= 0 || canvas_height <= 0) return;
  const int left = static_cast<int>(std::lround(canvas_left)), top = static_cast<int>(std::lround(canvas_top));
  renderer->copy_to_window(left, window_height - top - canvas_height);
}

void Viewer::frame(double wall_seconds) {
  take_snapshots();
  update_thumbnails();
  take_results();
  clock.set_end(page.duration());
  clock.set_limit(limit());
  clock.advance(wall_seconds);

  const PanelLayout layout;
  const ImGuiViewport* screen = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(layout.left_width, screen->Size.y));
  ImGui::Begin("hanzi-ink", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  draw_writing_panel(*this);
  draw_playback_panel(*this);
  draw_background_panel(*this);
  draw_export_panel(*this);
  draw_status_panel(*this);
  ImGui::End();
  draw_canvas_panel(*this, layout);
  draw_timeline_panel(*this, layout);
  // The text given at start is written once the first frame has sized the canvas, so its
  // characters are drawn at the size they are shown from the first stroke.
  if (!started_) {
    started_ = true;
    write();
  }
}

}  // namespace ink::app
