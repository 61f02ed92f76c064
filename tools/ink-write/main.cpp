// ink-write-model: the half of ink-write that runs the model (ink-write's front, which needs no
// libtorch, checks the arguments and starts this with the same ones). Writes each character of
// TEXT with the model: a PNG of the result, a GIF of the brush writing it, and Hanzi Writer
// character data.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <future>

#include "cli/cli.h"
#include "cli/write_request.h"
#include "ink/alignment/glyph_split.h"
#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/memory_reuse.h"
#include "ink/base/paths.h"
#include "ink/base/progress.h"
#include "ink/base/utf8.h"
#include "ink/model/torch_runtime.h"
#include "ink/render/gif.h"
#include "ink/render/painting.h"
#include "ink/render/stroke_vector.h"
#include "ink/writing/detail_pipeline.h"
#include "ink/writing/detail_stage.h"
#include "ink/writing/writer.h"

namespace {

using namespace ink;

std::atomic<bool> g_stop{false};
extern "C" void on_interrupt(int) { g_stop = true; }

struct WrittenCharacter {
  char32_t codepoint = 0;
  std::vector<Coverage> strokes;  // model resolution, in writing order
  std::vector<Polyline> medians;  // the brush paths, 1024 box
  bool kept_inside = false;        // the style's layout put it past the box's edge
};

// What every character is written with.
struct Writing {
  ConditioningMode mode = ConditioningMode::stroke;
  std::shared_ptr<DiffusionModel> model;
  const StrokeLibrary* library = nullptr;
  WriterSettings settings;
  std::string style;
  std::shared_ptr<const DetailStage> detail;  // null: the model has none
};

// One character in the chosen mode, its strokes where the style's layout puts them. Whole and
// class glyphs are split along the medians so the brush can still write them in order.
WrittenCharacter write_character(char32_t c, const Writing& job, ProgressBar& bar, size_t& done) {
  const ConditioningMode mode = job.mode;
  const std::shared_ptr<DiffusionModel>& model = job.model;
  const StrokeLibrary& library = *job.library;
  const WriterSettings& settings = job.settings;
  WrittenCharacter out;
  out.codepoint = c;
  if (mode == ConditioningMode::class_label) {
    const std::u32string& classes = summary_of(*model).classes;
    const size_t label = classes.find(c);
    if (label == std::u32string::npos)
      throw InkError("'" + encode_utf8(c) + "' is not one of this class-mode model's characters (" + encode_utf8(classes) + ")");
    const Coverage glyph = write_class_glyph(*model, static_cast<int>(label), settings);
    if (library.contains(c)) {
      for (const Stroke& s : library.glyph(c).strokes) out.medians.push_back(s.median);
      out.strokes = split_glyph_by_medians(glyph, out.medians);
    } else {
      out.strokes = {glyph};
      out.medians = {{Point{0, kBoxCentre.y}, Point{kBoxSize, kBoxCentre.y}}};  // no stroke data: the brush sweeps across
    }
    bar.update(++done);
    return out;
  }
  // library.glyph throws naming the character when it has no data.
  const Glyph glyph = styled_glyph(*model, library.glyph(c), job.style, settings.style_strength, &out.kept_inside);
  for (const Stroke& s : glyph.strokes) out.medians.push_back(s.median);
  if (mode == ConditioningMode::stroke) {
    StrokeWriter writer(model, glyph, settings);
    if (!job.detail) {
      writer.write([&](const WrittenStroke&) { bar.update(++done); });
      out.strokes = writer.strokes();
    } else {
      DetailPipeline detail(job.detail);  // each stroke at 256 px while the next is written
      writer.write([&](const WrittenStroke& s) {
        detail.add(*s.coverage, out.medians[s.index]);
        bar.update(++done);
      });
      out.strokes = detail.finish();
    }
  } else {
    GlyphWriter writer(model, glyph, settings);
    out.strokes = split_glyph_by_medians(writer.write(), out.medians);
    bar.update(++done);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (cli::asked_for_help(argc, argv, std::string(cli::kWriteUsage) + cli::kWriterUsage)) return 0;
  ink::prefer_passive_openmp(argv);  // the front has set the policy already; started by hand, this does
  ink::keep_freed_memory();
  const int code = cli::run_tool("ink-write", [&] {
    cli::Args args(argc, argv, 1);
    configure_torch_threads();
    // The model and its detail stage load on the other core while the stroke data is read and
    // the text checked: they need only the options.
    std::future<std::shared_ptr<DiffusionModel>> model_loading;
    std::future<std::shared_ptr<const DetailStage>> detail_loading;
    cli::WriteRequest request = cli::parse_write_request(args, [&](const cli::WriteRequest& options) {
      const std::filesystem::path dir = options.model_dir;
      const ConditioningMode mode = options.mode;
      model_loading = std::async(std::launch::async, [dir, mode] { return open_model(dir, mode); });
      if (!options.list_styles && options.detail && mode == ConditioningMode::stroke)
        detail_loading = std::async(std::launch::async, [dir]() -> std::shared_ptr<const DetailStage> { return DetailStage::of_model(dir); });
    });
    const StrokeLibrary& library = request.library;
    const std::u32string& chars = request.chars;
    const int size = request.size;
    const auto& png = request.png;
    const auto& gif = request.gif;
    const auto& json = request.json;
    const std::shared_ptr<const Image>& painting = request.painting;
    const std::shared_ptr<DiffusionModel> model = model_loading.get();
    if (request.list_styles) {
      for (const std::string& name : summary_of(*model).styles) std::printf("%s\n", name.c_str());
      return 0;
    }
    WriterSettings settings = request.settings;
    settings.style = style_id(*model, request.style);
    set_styled_weight(settings, *model, request.style);
    const Writing job{request.mode, model, &library, settings, request.style,
                      detail_loading.valid() ? detail_loading.get() : nullptr};
    size_t total = 0;
    for (char32_t c : chars) total += request.mode == ConditioningMode::stroke ? library.glyph(c).strokes.size() : 1;

    // Ctrl-C finishes the character being written, then keeps what is finished.
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    ProgressBar bar("writing " + request.text, total);
    size_t done = 0;
    std::vector<WrittenCharacter> written;
    for (char32_t c : chars) {
      if (g_stop) break;
      written.push_back(write_character(c, job, bar, done));
    }
    if (g_stop) {
      bar.stop(done, "interrupted");
      if (written.empty()) {
        std::fprintf(stderr, "ink-write: interrupted before the first character was finished; nothing written\n");
        return 130;
      }
    } else {
      bar.finish();
    }
    std::u32string kept_inside;  // one line for the text: a large hand moves most characters
    for (const WrittenCharacter& w : written)
      if (w.kept_inside) kept_inside += w.codepoint;
    if (!kept_inside.empty())
      std::fprintf(stderr, "ink-write: %s\n", kept_inside_note(request.style, kept_inside, written.size()).c_str());

    std::vector<std::shared_ptr<const BrushTimeline>> timelines;
    for (const WrittenCharacter& w : written) timelines.push_back(std::make_shared<BrushTimeline>(w.strokes, w.medians, size));
    const Page page = Page::row(timelines, request.vertical);
    if (png) {
      const double dried = page.duration() + 60.0;  // long after the last stroke
      Image image = painting ? *painting : page.render(dried);
      if (painting)
        lay_ink(image, page.darkness_at(dried), place_page(image.width, image.height, page.width, page.height, request.placement),
                InkColors{}.ink);
      write_png(image, *png);
      std::printf("wrote %s (%dx%d)\n", png->c_str(), image.width, image.height);
    }
    if (gif) {
      GifOptions options;
      options.painting = painting;
      options.placement = request.placement;
      const GifReport report = write_page_gif(page, *gif, options);
      std::printf("wrote %s (%d frames, %.1f s, %.0f KB)\n", gif->c_str(), report.frames, report.seconds, report.bytes / 1024.0);
    }
    if (json) {
      for (const WrittenCharacter& w : written) {
        const std::filesystem::path file = per_character_file(*json, w.codepoint, written.size());
        write_file_atomic(file, hanzi_writer_json(w.strokes, w.medians));
        std::printf("wrote %s\n", file.c_str());
      }
    }
    if (g_stop) {
      std::fprintf(stderr, "ink-write: interrupted: wrote the %zu finished characters of %zu\n", written.size(), chars.size());
      return 130;
    }
    return 0;
  });
  // Every file is written and renamed into place by now; libtorch's teardown (its thread pools
  // and registries) would add a sixth to a one-character run.
  std::fflush(nullptr);
  std::_Exit(code);
}
