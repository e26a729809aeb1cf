#include "crypto/secret_key.hpp"

#include <algorithm>
#include <new>
#include <utility>

#include <sodium.h>

namespace lifeline::crypto {

SecretKey::SecretKey() : data_(static_cast<std::uint8_t*>(sodium_malloc(size))) {
  if (data_ == nullptr) throw std::bad_alloc();
  sodium_memzero(data_, size);  // sodium_malloc fills with a garbage pattern
}

SecretKey::~SecretKey() {
  sodium_free(data_);  // wipes before freeing; accepts nullptr
}

SecretKey::SecretKey(SecretKey&& other) noexcept : data_(std::exchange(other.data_, nullptr)) {}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
  if (this != &other) {
    sodium_free(data_);
    data_ = std::exchange(other.data_, nullptr);
  }
  return *this;
}

SecretKey SecretKey::random() {
  SecretKey key;
  randombytes_buf(key.data_, size);
  return key;
}

SecretKey SecretKey::copy_of(std::span<const std::uint8_t, size> bytes) {
  SecretKey key;
  std::copy(bytes.begin(), bytes.end(), key.data_);
  return key;
}

bool SecretKey::equals(const SecretKey& other) const {
  return sodium_memcmp(data_, other.data_, size) == 0;
}

}  // namespace lifeline::crypto
