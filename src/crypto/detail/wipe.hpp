// Overwriting secrets (keys, plaintext, decoded TOTP secrets) once they are no longer needed,
// in a way the optimiser cannot remove, so they do not linger in freed memory.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace lifeline::crypto::detail {

void wipe(void* data, std::size_t size);

inline void wipe(std::string& text) {
  wipe(text.data(), text.size());
}

template <class T>
void wipe(std::vector<T>& values) {
  wipe(values.data(), values.size() * sizeof(T));
}

// Wipes a buffer when the scope ends, whichever way it ends.
template <class Buffer>
class WipeOnExit {
 public:
  explicit WipeOnExit(Buffer& buffer) : buffer_(buffer) {}
  ~WipeOnExit() { wipe(buffer_); }
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;

 private:
  Buffer& buffer_;
};

}  // namespace lifeline::crypto::detail
