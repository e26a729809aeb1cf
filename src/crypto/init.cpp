#include "crypto/init.hpp"

#include <stdexcept>

#include <sodium.h>

namespace lifeline::crypto {

void initialise() {
  // A function-local static is initialised exactly once even with concurrent callers; if
  // sodium_init throws here, the next call tries again.
  static const bool initialised = [] {
    if (sodium_init() < 0) {
      throw std::runtime_error("libsodium could not be initialised");
    }
    return true;
  }();
  static_cast<void>(initialised);
}

}  // namespace lifeline::crypto
