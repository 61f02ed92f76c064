// Tag writing and checked opening of tagged torch archives.
#include "model/tagged_archive.h"

#include <fstream>

#include "ink/base/error.h"

namespace ink {

void write_archive_tag(torch::serialize::OutputArchive& archive, const std::string& format, int64_t version) {
  archive.write("format", c10::IValue(format));
  archive.write("version", c10::IValue(version));
}

torch::serialize::InputArchive open_tagged_archive(const std::filesystem::path& file, const std::string& format,
                                                   int64_t version, const std::string& what) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InkError(file.string() + ": cannot open " + what);
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(in, torch::kCPU);  // saved on any device, read onto the CPU
  } catch (const std::exception&) {  // c10::Error, or TorchScript's ErrorReport for a damaged member
    throw InkError(file.string() + ": not a readable " + what + " (truncated or corrupted)");
  }
  c10::IValue stored_format, stored_version;
  if (!archive.try_read("format", stored_format) || !stored_format.isString() || stored_format.toStringRef() != format)
    throw InkError(file.string() + ": not a hanzi-ink " + what);
  if (!archive.try_read("version", stored_version) || !stored_version.isInt() || stored_version.toInt() != version)
    throw InkError(file.string() + ": " + what + " version " +
                   (stored_version.isInt() ? std::to_string(stored_version.toInt()) : "?") + ", this build reads version " +
                   std::to_string(version));
  return archive;
}

}  // namespace ink
