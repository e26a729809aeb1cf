#include "core/csv_reader.hpp"

#include <gtest/gtest.h>

namespace lifeline {
namespace {

using Fields = std::vector<std::string>;

std::vector<Fields> fields_of(std::string_view text, const CsvLimits& limits = {}) {
  auto records = read_csv(text, limits);
  EXPECT_TRUE(records) << records.error().message;
  std::vector<Fields> out;
  if (!records) return out;
  for (const auto& record : *records) out.push_back(record.fields);
  return out;
}

TEST(CsvReader, SplitsRecordsAndFields) {
  EXPECT_EQ(fields_of("a,b,c\n1,2,3\n"), (std::vector<Fields>{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(CsvReader, AcceptsCrlfLfAndLoneCrAndNoFinalLineBreak) {
  EXPECT_EQ(fields_of("a,b\r\n1,2\r\n"), (std::vector<Fields>{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(fields_of("a,b\r1,2"), (std::vector<Fields>{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(fields_of("a,b\n1,2"), (std::vector<Fields>{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvReader, QuotedFieldsHoldCommasLineBreaksAndDoubledQuotes) {
  const auto records = fields_of("name,note\r\n\"Doe, Jane\",\"one\r\ntwo \"\"quoted\"\"\"\r\n");
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[1], (Fields{"Doe, Jane", "one\r\ntwo \"quoted\""}));
}

TEST(CsvReader, EmptyFieldsAndEmptyLinesAreKept) {
  EXPECT_EQ(fields_of("a,,\n\n\"\",x\n"), (std::vector<Fields>{{"a", "", ""}, {""}, {"", "x"}}));
  EXPECT_TRUE(fields_of("").empty());
}

TEST(CsvReader, SkipsAByteOrderMarkAtTheStartOnly) {
  EXPECT_EQ(fields_of("\xEF\xBB\xBFprs_FirstName\nx\n"),
            (std::vector<Fields>{{"prs_FirstName"}, {"x"}}));
  EXPECT_TRUE(fields_of("\xEF\xBB\xBF").empty());
}

TEST(CsvReader, KeepsUtf8BytesAsTheyAre) {
  EXPECT_EQ(fields_of("Ștefan,Жанна\n"), (std::vector<Fields>{{"Ștefan", "Жанна"}}));
}

TEST(CsvReader, RecordsTheLineEachRecordStartsOn) {
  auto records = read_csv("h1,h2\r\n\"two\r\nlines\",x\r\nlast,y\r\n");
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 3U);
  EXPECT_EQ((*records)[0].line, 1U);
  EXPECT_EQ((*records)[1].line, 2U);
  EXPECT_EQ((*records)[2].line, 4U);
}

TEST(CsvReader, RefusesBrokenQuotingNamingRowAndLineButNoText) {
  auto stray = read_csv("h\nok\nO\"Secret,x\n");
  ASSERT_FALSE(stray);
  EXPECT_EQ(stray.error().code, Errc::malformed);
  EXPECT_NE(stray.error().message.find("row 3 (line 3)"), std::string::npos);
  EXPECT_EQ(stray.error().message.find("Secret"), std::string::npos);

  auto after = read_csv("\"Secret\"x,y\n");
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, Errc::malformed);
  EXPECT_NE(after.error().message.find("after its closing quote"), std::string::npos);
  EXPECT_EQ(after.error().message.find("Secret"), std::string::npos);

  auto open = read_csv("h\n\"Secret\nname\n");
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().code, Errc::malformed);
  EXPECT_NE(open.error().message.find("row 2 (line 2)"), std::string::npos);
  EXPECT_EQ(open.error().message.find("Secret"), std::string::npos);
}

TEST(CsvReader, RefusesWhatIsOverItsLimits) {
  const CsvLimits limits{2, 3, 5};
  auto rows = read_csv("a\nb\nc\n", limits);
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().code, Errc::too_large);
  EXPECT_TRUE(read_csv("a\nb\n", limits));

  auto fields = read_csv("a,b,c,d\n", limits);
  ASSERT_FALSE(fields);
  EXPECT_EQ(fields.error().code, Errc::too_large);

  auto plain = read_csv("abcdef\n", limits);
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().code, Errc::too_large);
  auto quoted = read_csv("\"abc\"\"def\"\n", limits);
  ASSERT_FALSE(quoted);
  EXPECT_EQ(quoted.error().code, Errc::too_large);
  EXPECT_TRUE(read_csv("\"ab\"\"c\"\n", limits));
}

}  // namespace
}  // namespace lifeline
