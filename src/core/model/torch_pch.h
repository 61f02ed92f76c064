// Precompiled for the translation units that use LibTorch (it dominates their compile time).
#pragma once
#include <torch/torch.h>
