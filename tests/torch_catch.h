// For test files that need torch: glog (through torch) and Catch both define CHECK, and
// whichever comes last wins silently. Torch first, glog's CHECK dropped, then Catch.
#pragma once
#include <torch/torch.h>
#undef CHECK
#include <catch2/catch.hpp>
