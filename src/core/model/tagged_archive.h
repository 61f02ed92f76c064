// Torch archives tagged with a format name and version (checkpoints, model files), opened with
// errors that name the file and say what is wrong. Internal to src/core; includes torch.
#pragma once
#include <torch/torch.h>

#include <filesystem>
#include <string>

namespace ink {

void write_archive_tag(torch::serialize::OutputArchive& archive, const std::string& format, int64_t version);

// `what` names the kind of file in messages ("checkpoint", "model file"). Throws InkError for an
// unreadable file, another format, or another version.
torch::serialize::InputArchive open_tagged_archive(const std::filesystem::path& file, const std::string& format,
                                                   int64_t version, const std::string& what);

}  // namespace ink
