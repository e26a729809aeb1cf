#include "crypto/field_cipher.hpp"

#include <algorithm>
#include <array>

#include <sodium.h>

#include "crypto/detail/aead.hpp"
#include "crypto/detail/wipe.hpp"
#include "crypto/encoding.hpp"

namespace lifeline::crypto {
namespace {

constexpr std::size_t nonce_offset = FieldCipher::header_bytes;
constexpr std::size_t ciphertext_offset = nonce_offset + detail::aead_nonce_bytes;
static_assert(FieldCipher::overhead == ciphertext_offset + detail::aead_tag_bytes);

bool valid_name(std::string_view name) {
  return !name.empty() && name.find('|') == std::string_view::npos;
}

Result<void> check_context(const FieldContext& context) {
  if (!valid_name(context.table) || !valid_name(context.column)) {
    return fail(Errc::internal, "field context needs a table and a column name without '|'");
  }
  return {};
}

std::array<std::uint8_t, FieldCipher::header_bytes> make_header(std::uint32_t key_id) {
  return {FieldCipher::format_version, static_cast<std::uint8_t>(key_id >> 24U),
          static_cast<std::uint8_t>(key_id >> 16U), static_cast<std::uint8_t>(key_id >> 8U),
          static_cast<std::uint8_t>(key_id)};
}

// The header, then "lifeline|<table>|<column>|<row id>".
std::vector<std::uint8_t> associated_data(std::span<const std::uint8_t> header,
                                          const FieldContext& context) {
  std::vector<std::uint8_t> data;
  data.reserve(header.size() + 32 + context.table.size() + context.column.size());
  const auto append = [&data](std::string_view text) {
    const auto bytes = as_bytes(text);
    data.insert(data.end(), bytes.begin(), bytes.end());
  };
  // Appended piece by piece: gcc 12 at -O3 misreads a concatenated string here.
  for (const auto byte : header) data.push_back(byte);
  append("lifeline|");
  append(context.table);
  append("|");
  append(context.column);
  append("|");
  append(std::to_string(context.row_id));
  return data;
}

}  // namespace

Result<std::vector<std::uint8_t>> FieldCipher::encrypt(std::string_view plaintext,
                                                       const FieldContext& context) const {
  if (auto valid = check_context(context); !valid) return tl::unexpected(valid.error());
  const FieldKey& key = keys_->current_field_key();
  const auto header = make_header(key.id);

  std::vector<std::uint8_t> sealed(overhead + plaintext.size());
  std::copy(header.begin(), header.end(), sealed.begin());
  const std::span<std::uint8_t, detail::aead_nonce_bytes> nonce(sealed.data() + nonce_offset,
                                                                detail::aead_nonce_bytes);
  randombytes_buf(nonce.data(), nonce.size());  // 192 random bits: collisions are negligible
  detail::aead_seal(std::span(sealed).subspan(ciphertext_offset), as_bytes(plaintext),
                    associated_data(header, context), nonce, key.key.bytes());
  return sealed;
}

Result<std::string> FieldCipher::decrypt(std::span<const std::uint8_t> sealed,
                                         const FieldContext& context) const {
  if (auto valid = check_context(context); !valid) return tl::unexpected(valid.error());
  const auto key_id = key_id_of(sealed);
  if (!key_id) {
    return fail(Errc::internal, "field is not a sealed value this version can read");
  }
  const FieldKey* key = keys_->field_key(*key_id);
  if (key == nullptr) {
    return fail(Errc::internal, "encrypted with key " + std::to_string(*key_id) +
                                    " which the key file does not hold");
  }
  const auto header = sealed.first<header_bytes>();
  const auto nonce = sealed.subspan(nonce_offset).first<detail::aead_nonce_bytes>();
  std::string plaintext(sealed.size() - overhead, '\0');
  const std::span<std::uint8_t> out(reinterpret_cast<std::uint8_t*>(plaintext.data()),
                                    plaintext.size());
  if (!detail::aead_open(out, sealed.subspan(ciphertext_offset), associated_data(header, context),
                         nonce, key->key.bytes())) {
    return fail(Errc::internal, "field failed authentication (tampered or wrong row)");
  }
  return plaintext;
}

Result<std::vector<std::uint8_t>> FieldCipher::reencrypt(std::span<const std::uint8_t> sealed,
                                                         const FieldContext& context) const {
  auto plaintext = decrypt(sealed, context);
  if (!plaintext) return tl::unexpected(plaintext.error());
  const detail::WipeOnExit wipe_plaintext(*plaintext);
  return encrypt(*plaintext, context);
}

std::optional<std::uint32_t> FieldCipher::key_id_of(std::span<const std::uint8_t> sealed) {
  if (sealed.size() < overhead || sealed[0] != format_version) return std::nullopt;
  return (std::uint32_t{sealed[1]} << 24U) | (std::uint32_t{sealed[2]} << 16U) |
         (std::uint32_t{sealed[3]} << 8U) | std::uint32_t{sealed[4]};
}

}  // namespace lifeline::crypto
