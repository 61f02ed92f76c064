// The structure model's file, structure.safetensors beside a model file: its weights in the
// tensor-file layout, one row of "rows" a style it places, and in the header's metadata the
// format, the style names in row order and how it was trained. No torch here: this checks the
// header before the model side copies the weights (structure_model.h).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "ink/base/tensor_file.h"

namespace ink {

inline constexpr const char* kStructureFormat = "hanzi-ink structure model";
inline constexpr size_t kStructureRow = 16;  // numbers in a style's row

// The file beside a model file that holds its structure model, when it has one.
std::filesystem::path structure_file(const std::filesystem::path& model_file);

// The style names, one per row, from a structure model file's header. Throws InkError "WHERE:
// ..." for another format, no names or names that are empty or repeated, or rows that are not
// F32 [names x kStructureRow].
std::vector<std::string> structure_styles(const TensorFile& file, const std::string& where);

}  // namespace ink
