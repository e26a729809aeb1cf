#include "crypto/detail/utf8.hpp"

#include <gtest/gtest.h>

namespace lifeline::crypto::detail {
namespace {

TEST(Utf8, AcceptsValidText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ASCII"));
  EXPECT_TRUE(is_valid_utf8("Kováčová Ольга 😀"));
  EXPECT_EQ(decode_utf8("aé€😀"), (std::vector<char32_t>{U'a', 0xE9, 0x20AC, 0x1F600}));
}

TEST(Utf8, RejectsInvalidSequences) {
  EXPECT_FALSE(is_valid_utf8("\x80"));              // stray continuation byte
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("ab\xC3(cd"));  // lead byte followed by a non-continuation
}

TEST(Utf8, EncodesEveryLength) {
  for (const char32_t c : {char32_t{0x41}, char32_t{0xE9}, char32_t{0x20AC}, char32_t{0x1F600}}) {
    std::string text;
    append_utf8(text, c);
    EXPECT_EQ(decode_utf8(text), std::vector<char32_t>{c});
  }
}

TEST(Utf8, LowercasesLatinAndCyrillic) {
  EXPECT_EQ(to_lower("ÀÉÎÕÜÝÞ ĀČĐĘĞĹŁŃŐŘŠŤŮŹŽ Ÿ İ ȘȚ"), "àéîõüýþ āčđęğĺłńőřšťůźž ÿ i șț");
  EXPECT_EQ(to_lower("ЀЁЄІЇЈЉЊЋЌЍЎЏ АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"),
            "ѐёєіїјљњћќѝўџ абвгдежзийклмнопрстуфхцчшщъыьэюя");
  EXPECT_EQ(to_lower("ҐҒӘӨҮӀӁ"), "ґғәөүӏӂ");
  EXPECT_EQ(to_lower("× ß ĸ ŉ ſ 1"), "× ß ĸ ŉ ſ 1");
}

}  // namespace
}  // namespace lifeline::crypto::detail
