// What ink-write is asked to do, parsed and checked without the model: the text against the
// stroke data, the outputs writable, the painting readable, the page within an image's limits.
// ink-write's front (no libtorch) and its model half both parse it, so a mistake in the
// arguments is the same one line from either, and costs no libtorch start-up.
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cli/writer_options.h"
#include "ink/data/stroke_library.h"
#include "ink/model/unet_config.h"

namespace ink::cli {

struct WriteRequest {
  ConditioningMode mode = ConditioningMode::stroke;
  std::filesystem::path model_dir;
  std::string style;
  bool list_styles = false;
  WriterSettings settings;
  bool detail = true;  // stroke mode: strokes drawn at 256 px by the model's detail stage, when it has one
  int size = 512;  // pixels per character
  bool vertical = false;
  std::optional<std::string> png, gif, json;
  std::shared_ptr<const Image> painting;  // --background
  Placement placement;
  std::string text;
  std::u32string chars;
  StrokeLibrary library;  // empty when only listing styles
};

// Takes every ink-write option from `args` and finishes them (an unknown option throws), then
// reads the stroke data and the painting and checks the text and outputs. `options_read` is
// called in between, with the options alone, to start what needs only them (the model).
WriteRequest parse_write_request(Args& args, const std::function<void(const WriteRequest&)>& options_read = {});

inline constexpr const char* kWriteUsage = R"(usage: ink-write TEXT (--png FILE | --gif FILE | --json FILE)... [OPTIONS]
       ink-write --list-styles [--model DIR]
Writes each character of TEXT with the model: a PNG of the result, a looping GIF of the brush
writing it, and Hanzi Writer character data (strokes vectorised with potrace).
  --mode stroke|whole|class   stroke by stroke (default), the whole glyph in one pass, or a
                              class-mode model's label
  --model DIR                 default assets/models/default
  --style NAME                a trained style or a learnt hand (--list-styles lists them)
  --size PX                   pixels per character, 32-2048 (default 512; on a painting, what
                              fills it at --place's scale)
  --detail on|off             stroke mode: draw each stroke at 256 px through the model's detail
                              stage (default on, when the model has one), or as written at 64 px
  --direction row|column      characters left to right (default) or top to bottom
  --background IMAGE          write onto a painting (PNG, JPEG or BMP): the PNG and GIF are the
                              painting's size, the writing placed as the viewer places it
  --place X,Y[,SCALE]         where on the painting: the writing's centre as fractions of its
                              width and height (default 0.5,0.5), SCALE 1 fitting it (default 1)
  --data PATH                 stroke data (.inkpack or a folder of JSON; default strokes/hanzi.inkpack)
)";

}  // namespace ink::cli
