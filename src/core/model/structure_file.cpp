// The structure model file's header: what it is and which styles its rows are.
#include "ink/model/structure_file.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ink/base/error.h"

namespace ink {

std::filesystem::path structure_file(const std::filesystem::path& model_file) { return model_file.parent_path() / "structure.safetensors"; }

std::vector<std::string> structure_styles(const TensorFile& file, const std::string& where) {
  const auto format = file.metadata.find("format");
  if (format == file.metadata.end() || format->second != kStructureFormat) throw InkError(where + ": not a structure model file");
  const auto styles = file.metadata.find("styles");
  const nlohmann::json names = nlohmann::json::parse(styles == file.metadata.end() ? "" : styles->second, nullptr, false);
  if (!names.is_array() || names.empty()) throw InkError(where + ": the structure model names no styles");
  std::vector<std::string> out;
  for (const nlohmann::json& name : names) {
    if (!name.is_string() || name.get<std::string>().empty()) throw InkError(where + ": a structure row without a style name");
    if (std::find(out.begin(), out.end(), name.get<std::string>()) != out.end())
      throw InkError(where + ": two structure rows for style '" + name.get<std::string>() + "'");
    out.push_back(name.get<std::string>());
  }
  const auto rows = file.tensors.find("rows");
  const std::vector<int64_t> shape = {static_cast<int64_t>(out.size()), static_cast<int64_t>(kStructureRow)};
  if (rows == file.tensors.end() || rows->second.dtype != "F32" || rows->second.shape != shape)
    throw InkError(where + ": the structure rows are not F32 [" + std::to_string(out.size()) + ", " + std::to_string(kStructureRow) +
                   "], one a named style");
  return out;
}

}  // namespace ink
