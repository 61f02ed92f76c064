// ink-data pack: hanzi-writer-data JSON files -> one .inkpack (used by the setup script).
#include <cstdio>

#include "commands.h"
#include "ink/base/error.h"

namespace ink::data_tool {

int pack(cli::Args& args) {
  const auto from = args.value("from");
  const auto out = args.value("out");
  const std::string version = args.value_or("version", "hanzi-writer-data@2.0.1");
  args.finish();
  if (!from || !out) throw InkError("pack needs --from DIR and --out FILE");
  const StrokeLibrary library = StrokeLibrary::from_json_dir(*from, version);
  library.save_pack(*out);
  std::printf("packed %zu characters from %s into %s\n", library.size(), from->c_str(), out->c_str());
  return 0;
}

}  // namespace ink::data_tool
