// Condition dropout, canvas augmentation and the EMA update.
#include "ink/training/training_augment.h"

#include <torch/torch.h>

namespace ink {
namespace {

// [count] bool: which of the share's samples are chosen, each with probability p.
torch::Tensor chosen(const BatchShare& share, double p) { return share.rows(torch::rand({share.total})).lt(p); }

torch::Tensor where_chosen(const torch::Tensor& mask, const torch::Tensor& replacement, const torch::Tensor& value) {
  return torch::where(mask, replacement, value);
}

}  // namespace

UNetConditions null_conditions(const UNetImpl& unet, int64_t batch) {
  const auto longs = torch::TensorOptions().dtype(torch::kInt64);
  UNetConditions c;
  if (unet.config().mode == ConditioningMode::class_label) {
    c.label = torch::full({batch}, unet.null_label(), longs);
    return c;
  }
  c.style = torch::full({batch}, unet.null_style(), longs);
  c.strokes = torch::full({batch}, unet.null_step(), longs);
  if (unet.config().mode == ConditioningMode::stroke) c.step = torch::full({batch}, unet.null_step(), longs);
  return c;
}

void drop_conditions(DiffusionBatch& batch, const UNetImpl& unet, double p, std::optional<BatchShare> share) {
  const int64_t b = batch.target.size(0);
  const torch::Tensor mask = chosen(share.value_or(BatchShare::whole(b)), p);
  const UNetConditions none = null_conditions(unet, b);
  UNetConditions& c = batch.conditions;
  if (c.label.defined()) c.label = where_chosen(mask, none.label, c.label);
  if (c.style.defined()) c.style = where_chosen(mask, none.style, c.style);
  if (c.strokes.defined()) c.strokes = where_chosen(mask, none.strokes, c.strokes);
  if (c.step.defined()) c.step = where_chosen(mask, none.step, c.step);
  if (batch.spatial.defined())
    batch.spatial = torch::where(mask.view({b, 1, 1, 1}), torch::full_like(batch.spatial, -1.0), batch.spatial);
}

void augment_canvas(DiffusionBatch& batch, double p, std::optional<BatchShare> share) {
  if (!batch.spatial.defined() || p <= 0) return;
  const int64_t b = batch.spatial.size(0);
  const BatchShare rows = share.value_or(BatchShare::whole(b));
  const torch::Tensor canvas = batch.spatial.narrow(1, 0, 1);
  const torch::Tensor dilated = torch::max_pool2d(canvas, 3, 1, 1);
  const torch::Tensor eroded = -torch::max_pool2d(-canvas, 3, 1, 1);
  const torch::Tensor shifted = torch::roll(canvas, {1, 1}, {2, 3});
  // Per sample: 0 untouched, 1 dilated, 2 eroded, 3 shifted. Drawn in this order, one statement
  // each: the order of a call's arguments is the compiler's to choose.
  const torch::Tensor perturbed = chosen(rows, p);
  const torch::Tensor kinds = rows.rows(torch::randint(1, 4, {rows.total}, torch::kInt64));
  const torch::Tensor op = torch::where(perturbed, kinds, torch::zeros({b}, torch::kInt64)).view({b, 1, 1, 1});
  torch::Tensor out = torch::where(op.eq(1), dilated, canvas);
  out = torch::where(op.eq(2), eroded, out);
  out = torch::where(op.eq(3), shifted, out);
  std::vector<int64_t> noise_shape = out.sizes().vec();
  noise_shape[0] = rows.total;
  const torch::Tensor noise = rows.rows(torch::randn(noise_shape, out.options())) * 0.05 * op.gt(0).to(out.dtype());
  batch.spatial.narrow(1, 0, 1).copy_((out + noise).clamp(-1.0, 1.0));
}

void update_ema(UNetImpl& ema, const UNetImpl& model, double decay) {
  torch::NoGradGuard no_grad;
  const auto target = ema.parameters();
  const auto source = model.parameters();
  for (size_t i = 0; i < target.size(); ++i) target[i].mul_(decay).add_(source[i], 1.0 - decay);
}

}  // namespace ink
