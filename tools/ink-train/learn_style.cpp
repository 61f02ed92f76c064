// ink-train --style-images DIR --name NAME [--retune]: split the images, learn a new hand's style
// row (and norm adapter) on the frozen model and its layout from the splits, or retune a trained
// style's brush, and save it beside the model as styles/NAME.style.json.
#include "learn_style.h"

#include <atomic>
#include <csignal>
#include <cstdio>

#include "ink/base/error.h"
#include "ink/base/paths.h"
#include "ink/base/progress.h"
#include "ink/model/model_file.h"
#include "ink/model/structure_model.h"
#include "ink/model/torch_runtime.h"
#include "ink/styles/hand_layout.h"
#include "ink/styles/style_tuning.h"

namespace ink::train_tool {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_style_interrupt(int) { g_stop = true; }

// Where the hand puts each stroke of a character, as a row of the model's structure model learnt
// from the images' splits; none when the model has no structure model. Unframed images say only
// each character's shape, not where it sits or how big.
std::vector<float> learn_structure_row(const std::filesystem::path& model_file, const std::vector<SplitImage>& images,
                                       const StrokeLibrary& library, const Layout& layout, bool framed) {
  const std::filesystem::path file = structure_file(model_file);
  if (!std::filesystem::exists(file)) return {};
  StructureModel structure = StructureModel::load(file);
  HandSamples hand{{}, layout};
  for (const SplitImage& image : images)
    hand.samples.push_back(structure_of(library.glyph(image.character), image.split, image.image_ink.width));
  return structure.row(structure.adapt(hand, framed));
}

// A new hand's layout and structure row, from the same splits as its brush.
void save_with_layout(const std::filesystem::path& out, LearnedStyle& style, const HandLayout& hand, std::vector<float> structure_row) {
  style.layout = hand.layout;
  style.structure_row = std::move(structure_row);
  save_learned_style(out, style);
  std::printf("layout: %s (%zu strokes measured%s)%s: %s\n", describe_layout(hand.layout).c_str(), hand.tilted_strokes,
              hand.tilts_kept ? "" : "; tilting them did not bring them closer to the ink, so left out",
              style.structure_row.empty() ? "" : "; each character placed by the structure model", out.c_str());
}

}  // namespace

int learn_style(cli::Args& args, const std::string& images_dir) {
  const auto name = args.value("name");
  if (!name) throw InkError("--style-images needs --name NAME (the new style's name)");
  check_style_name(*name);
  const std::filesystem::path model = args.value_or("model", default_model_dir().string());
  StyleTuningOptions options;
  options.steps = args.int_value("steps", options.steps, 1, 100000);
  options.seed = static_cast<uint64_t>(args.int_value("seed", 0, 0, 1 << 30));
  const std::string adapter = args.value_or("adapter", "norms");
  if (adapter != "norms" && adapter != "none") throw InkError("--adapter " + adapter + ": expected norms or none");
  options.adapter = adapter == "norms";
  options.retune = args.flag("retune");
  if (args.flag("refine")) {  // the name before "refine" came to mean only the sampler's step placement
    std::fprintf(stderr, "ink-train: --refine is deprecated; use --retune\n");
    options.retune = true;
  }
  options.start_from = args.value_or("start-from", "");
  const bool layout_only = args.flag("layout-only");
  // Photos of practice-grid squares are framed once each is cut to its printed square.
  const ImageSquare square = args.flag("grid") ? ImageSquare::grid : ImageSquare::whole;
  const bool framed = args.flag("framed") || square == ImageSquare::grid;
  if (layout_only && options.retune) throw InkError("--layout-only is for a learnt hand; a retuning keeps its style's layout");
  const int threads_option = args.int_value("threads", 0, 0, 256);
  const StrokeLibrary library = cli::open_library(args);
  args.finish();
  configure_torch_threads(threads_option);
  const std::filesystem::path model_file = resolve_model_file(model, ConditioningMode::stroke);
  const std::filesystem::path out = learned_style_file(model_file, *name);

  const int size = load_model(model, ConditioningMode::stroke).info.recipe.model.sample_size;
  const auto files = list_image_files(images_dir);
  // A framed image is its character's square, so its strokes can be learnt where the hand drew
  // them, on skeletons placed there, as the model was trained on the fonts (docs/styles.md). A
  // retuning keeps its style's layout and learns only the brush, in place too.
  const StrokePlacement placement = framed ? StrokePlacement::in_place : StrokePlacement::settled;
  ProgressBar split_bar("splitting", files.size());
  StyleImageSet set;
  for (size_t i = 0; i < files.size(); ++i) {
    StyleImageSet one = split_style_images({files[i]}, library, size, placement, square);
    for (auto& image : one.images) set.images.push_back(std::move(image));
    for (auto& problem : one.problems) set.problems.push_back(std::move(problem));
    split_bar.update(i + 1);
  }
  split_bar.finish();
  for (const std::string& problem : set.problems) std::fprintf(stderr, "ink-train: skipped %s\n", problem.c_str());
  if (set.images.empty()) throw InkError("none of the " + std::to_string(files.size()) + " images in '" + images_dir + "' could be used");
  // Before the brush, so that images a framed layout cannot use stop the run before it trains.
  const HandLayout hand = options.retune ? HandLayout{} : learn_hand_layout(set.images, library, framed);
  const std::vector<float> structure_row =
      options.retune ? std::vector<float>{} : learn_structure_row(model_file, set.images, library, hand.layout, framed);
  if (layout_only) {
    if (!std::filesystem::exists(out)) throw InkError("--layout-only: no learnt hand '" + *name + "' (" + out.string() + ")");
    LearnedStyle style = load_learned_style(out);
    if (style.retunes) throw InkError("--layout-only: " + out.string() + " retunes a trained style, which keeps its layout");
    save_with_layout(out, style, hand, structure_row);
    return 0;
  }
  std::printf("%zu of %zu images split into strokes%s; %s style '%s' (%d steps, %s, base weights frozen)\n", set.images.size(),
              set.images.size() + set.problems.size(), framed ? ", in place" : "", options.retune ? "retuning the trained" : "learning", name->c_str(),
              options.steps, options.adapter ? "row and norms" : "row only");
  std::fflush(stdout);

  std::signal(SIGINT, on_style_interrupt);
  std::signal(SIGTERM, on_style_interrupt);
  ProgressBar bar("learning", static_cast<size_t>(options.steps));
  LearnedStyle style = tune_style(
      model, set.images, library, *name, options,
      [&](const StyleTuningProgress& p) {
        char detail[64];
        std::snprintf(detail, sizeof detail, "loss %.4f", p.loss);
        bar.update(static_cast<size_t>(p.step), detail);
      },
      [] { return g_stop.load(); });
  if (style.embedding.empty()) {
    bar.stop(0, "interrupted");
    std::fprintf(stderr, "ink-train: interrupted; no style written\n");
    return 130;
  }
  bar.finish();
  if (options.retune) save_learned_style(out, style);
  else save_with_layout(out, style, hand, structure_row);
  std::printf("style '%s' learnt from %d images of %s, starting from '%s', in %.0f s (loss %.4f): %s\n", style.name.c_str(),
              style.images, style.characters.c_str(), style.started_from.c_str(), style.seconds, style.final_loss, out.c_str());
  std::printf("write with it: ink-write 永 --style %s --gif yong.gif\n", style.name.c_str());
  return 0;
}

}  // namespace ink::train_tool
