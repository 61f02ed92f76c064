// Run-time locations, from HZ_INK_ROOT or the build's source directory.
#include "ink/base/paths.h"

#include <cstdlib>

namespace ink {

std::filesystem::path project_root() {
  if (const char* root = std::getenv("HZ_INK_ROOT"); root && *root) return root;
  return INK_SOURCE_DIR;
}
std::filesystem::path default_stroke_pack() { return project_root() / "strokes" / "hanzi.inkpack"; }
std::filesystem::path sample_stroke_dir() { return project_root() / "strokes" / "sample"; }
std::filesystem::path heldout_list_path() { return project_root() / "strokes" / "heldout.txt"; }
std::filesystem::path default_model_dir() { return project_root() / "assets" / "models" / "default"; }

}  // namespace ink
