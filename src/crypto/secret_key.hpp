// A 256-bit secret key held in memory that is protected as well as the platform allows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace lifeline::crypto {

// The bytes live in libsodium's guarded allocation: locked so they are never swapped to
// disk, left out of core dumps, fenced by guard pages, and wiped when freed. A moved-from
// SecretKey holds nothing and must not be read. Not copyable, so keys are not duplicated by
// accident.
class SecretKey {
 public:
  static constexpr std::size_t size = 32;

  // All zero bytes; fill them through mutable_bytes().
  SecretKey();
  ~SecretKey();
  SecretKey(SecretKey&& other) noexcept;
  SecretKey& operator=(SecretKey&& other) noexcept;
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;

  // Fresh key bytes from the operating system's secure random source.
  static SecretKey random();
  static SecretKey copy_of(std::span<const std::uint8_t, size> bytes);

  std::span<const std::uint8_t, size> bytes() const {
    return std::span<const std::uint8_t, size>(data_, size);
  }
  std::span<std::uint8_t, size> mutable_bytes() {
    return std::span<std::uint8_t, size>(data_, size);
  }

  // Constant-time comparison, so comparing keys does not reveal where they differ.
  bool equals(const SecretKey& other) const;

 private:
  std::uint8_t* data_ = nullptr;
};

}  // namespace lifeline::crypto
