#include "core/markup.hpp"

#include <gtest/gtest.h>

namespace lifeline {
namespace {

TEST(Markup, EscapesWhatMarkupWouldReadAsMarkup) {
  EXPECT_EQ(escape_markup(R"(<b a="1">Tom & 'Jerry'</b>)"),
            "&lt;b a=&quot;1&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;");
  EXPECT_EQ(escape_markup("plain text, кириллица"), "plain text, кириллица");
}

TEST(Markup, KeepsLineBreaksAndDropsForbiddenControlCharacters) {
  EXPECT_EQ(escape_markup("a\tb\nc\rd"), "a\tb\nc&#13;d");
  EXPECT_EQ(escape_markup(std::string("x\0y\x01z\x1f", 6)), "xyz");
}

}  // namespace
}  // namespace lifeline
