// parse_write_request: the options, then every check that needs no model, in the order a user
// would fix them.
#include "cli/write_request.h"

#include <cstdio>

#include "ink/base/atomic_file.h"
#include "ink/base/error.h"
#include "ink/base/paths.h"
#include "ink/base/utf8.h"
#include "ink/render/page.h"

namespace ink::cli {

WriteRequest parse_write_request(Args& args, const std::function<void(const WriteRequest&)>& options_read) {
  WriteRequest r;
  r.mode = conditioning_mode_from_string(args.value_or("mode", "stroke"));
  r.model_dir = args.value_or("model", default_model_dir().string());
  r.style = args.value_or("style", "");
  r.list_styles = args.flag("list-styles");
  r.settings = writer_settings(args);
  const std::string detail = args.value_or("detail", "on");
  if (detail != "on" && detail != "off") throw InkError("--detail must be on or off, got '" + detail + "'");
  r.detail = detail == "on";
  r.size = args.int_value("size", 0, 32, 2048);
  r.vertical = writes_in_columns(args);
  r.png = args.value("png");
  r.gif = args.value("gif");
  r.json = args.value("json");
  const auto background = args.value("background");
  r.placement = placement_from(args.value_or("place", "0.5,0.5,1"));
  const std::string data = args.value_or("data", default_stroke_pack().string());
  r.text = r.list_styles ? "" : args.positional("TEXT (the characters to write)");
  args.finish();
  if (options_read) options_read(r);
  if (r.list_styles) return r;  // no stroke data needed
  r.chars = decode_utf8(r.text, "TEXT");
  r.library = StrokeLibrary::open(data, &r.chars);  // the text's characters only
  if (!r.png && !r.gif && !r.json) throw InkError("nothing to write: give --png FILE, --gif FILE and/or --json FILE");
  // Unwritable outputs fail before minutes of generation, not after.
  for (const auto& file : {r.png, r.gif, r.json})
    if (file) AtomicFile check(*file);
  if (r.chars.empty()) throw InkError("TEXT is empty");
  for (char32_t c : r.chars)
    if (r.mode != ConditioningMode::class_label && !r.library.contains(c)) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(c));
      throw InkError("no stroke data for '" + encode_utf8(c) + "' (U+" + hex + ")");
    }
  if (background) r.painting = std::make_shared<const Image>(read_image(*background));
  if (r.size == 0) r.size = r.painting ? cell_size_on(*r.painting, static_cast<int>(r.chars.size()), r.vertical, r.placement) : 512;
  if (r.png || r.gif) Page::check_size(static_cast<int64_t>(r.chars.size()), r.size, r.vertical);
  return r;
}

}  // namespace ink::cli
