// The one exception type the core throws: a message that says what, where, and what was expected.
// Fronts (tools, viewer) catch it, print it as one line and exit non-zero.
#pragma once
#include <stdexcept>
#include <string>

namespace ink {

struct InkError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace ink
