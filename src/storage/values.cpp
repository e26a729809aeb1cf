#include "storage/values.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace lifeline::storage::detail {

namespace {

// Length of the UTF-8 sequence starting with `lead`, or 0 if it cannot start one.
int sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Second-byte ranges that rule out overlong forms, surrogates and code points past U+10FFFF.
bool valid_second_byte(unsigned char lead, unsigned char second) {
  if (lead == 0xE0) return second >= 0xA0 && second <= 0xBF;
  if (lead == 0xED) return second >= 0x80 && second <= 0x9F;
  if (lead == 0xF0) return second >= 0x90 && second <= 0xBF;
  if (lead == 0xF4) return second >= 0x80 && second <= 0x8F;
  return second >= 0x80 && second <= 0xBF;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const int length = sequence_length(lead);
    if (length == 0 || text.size() - i < static_cast<std::size_t>(length)) return false;
    if (length > 1 && !valid_second_byte(lead, static_cast<unsigned char>(text[i + 1]))) {
      return false;
    }
    for (int k = 2; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (next < 0x80 || next > 0xBF) return false;
    }
    i += length;
  }
  return true;
}

Result<void> check_text_parameter(std::string_view text, std::size_t number) {
  if (text.find('\0') != std::string_view::npos) {
    return fail(Errc::invalid_argument,
                fmt::format("text parameter ${} contains a NUL character", number));
  }
  if (!is_valid_utf8(text)) {
    return fail(Errc::invalid_argument, fmt::format("text parameter ${} is not UTF-8", number));
  }
  return {};
}

Result<void> create_private_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int error = errno;
    if (error == EEXIST) {
      return fail(Errc::conflict,
                  fmt::format("{} already exists; not overwriting it", path.string()));
    }
    return fail(Errc::unavailable,
                fmt::format("cannot create {}: {}", path.string(), std::strerror(error)));
  }
  ::close(fd);
  return {};
}

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

std::string one_line(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (const char c : trim_right(text)) {
    if (c == '\n' || c == '\r' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space && c != ' ') out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

}  // namespace lifeline::storage::detail
