// Where the project's files live at run time. HZ_INK_ROOT overrides the source tree the
// binaries were built from, so an installed or copied build can point at its data.
#pragma once
#include <filesystem>

namespace ink {

std::filesystem::path project_root();
std::filesystem::path default_stroke_pack();   // strokes/hanzi.inkpack
std::filesystem::path sample_stroke_dir();     // strokes/sample (committed, offline)
std::filesystem::path heldout_list_path();     // strokes/heldout.txt (committed)
std::filesystem::path default_model_dir();     // assets/models/default (stroke/ and whole/)

}  // namespace ink
