#include "torch_catch.h"

#include "ink/dataset/dataset.h"
#include "ink/dataset/shard_tensor.h"
#include "test_helpers.h"

using namespace ink;

TEST_CASE("a shard loads as a [N, C, S, S] uint8 tensor with its metadata", "[shard][torch]") {
  test::TempDir dir;
  test::build_sample_dataset(dir.path(), {U'干', U'永'}, 32);

  const ShardTensors steps = load_shard_tensors(dir / "stroke_step-00000.shard");
  REQUIRE(steps.planes.sizes() == torch::IntArrayRef({8, 4, 32, 32}));
  CHECK(steps.planes.dtype() == torch::kUInt8);
  CHECK(steps.codepoints[0].item<int64_t>() == U'干');
  CHECK(steps.steps[2].item<int64_t>() == 2);
  CHECK(steps.stroke_counts[3].item<int64_t>() == 5);

  const Shard raw = Shard::read(dir / "stroke_step-00000.shard");
  const torch::Tensor bytes = steps.planes[5].contiguous();
  CHECK(std::equal(raw.planes(5), raw.planes(5) + raw.sample_bytes(), bytes.data_ptr<uint8_t>()));

  const torch::Tensor x = planes_to_model_range(steps.planes);
  CHECK(x.min().item<float>() >= -1.0f);
  CHECK(x.max().item<float>() == Approx(1.0f));
  CHECK(x.dtype() == torch::kFloat32);

  const ShardTensors wholes = load_shard_tensors(dir / "whole_glyph-00000.shard");
  CHECK(wholes.kind == SampleKind::whole_glyph);
  CHECK(wholes.planes.sizes() == torch::IntArrayRef({2, 2, 32, 32}));
}
