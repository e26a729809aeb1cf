#include "crypto/detail/wipe.hpp"

#include <sodium.h>

namespace lifeline::crypto::detail {

void wipe(void* data, std::size_t size) {
  if (size > 0) sodium_memzero(data, size);
}

}  // namespace lifeline::crypto::detail
