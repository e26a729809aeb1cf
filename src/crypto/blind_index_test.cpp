#include "crypto/blind_index.hpp"

#include <array>

#include <gtest/gtest.h>

#include "crypto/key_store.hpp"

namespace lifeline::crypto {
namespace {

TEST(Normalise, FoldsLatinNames) {
  EXPECT_EQ(normalise_for_matching("  Anna-Maria  KOVÁČOVÁ "), "anna maria kovacova");
  EXPECT_EQ(normalise_for_matching("Łukasz Żółć"), "lukasz zolc");
  EXPECT_EQ(normalise_for_matching("Şahin Ștefan Țurcanu"), "sahin stefan turcanu");
  EXPECT_EQ(normalise_for_matching("Strauß Øster Æbelø Œuvre Þór"),
            "strauss oster aebelo oeuvre thor");
  EXPECT_EQ(normalise_for_matching("O'Brien, J. R."), "o brien j r");
  EXPECT_EQ(normalise_for_matching("Müller–Lüdenscheidt"), "muller ludenscheidt");  // en dash
}

TEST(Normalise, MatchesDecomposedAccents) {
  // "Kovác\u030Cova\u0301": letters followed by combining marks.
  EXPECT_EQ(normalise_for_matching("Kova\xCC\x81\x63\xCC\x8Cova\xCC\x81"), "kovacova");
}

TEST(Normalise, LowercasesCyrillicAndFoldsYo) {
  EXPECT_EQ(normalise_for_matching("ЁЛКИНА Ольга"), "елкина ольга");
  EXPECT_EQ(normalise_for_matching("Ѝван ЃОРЃИЕВ"), "иван ѓорѓиев");
  EXPECT_EQ(normalise_for_matching("Марʼяна ҐОНЧАР"), "мар яна ґончар");
  EXPECT_EQ(normalise_for_matching("ЙОЖЕФ"), "йожеф");  // й is a letter of its own
}

TEST(Normalise, HandlesWhitespaceInvisiblesAndInvalidBytes) {
  EXPECT_EQ(normalise_for_matching("\tAna\xC2\xA0\xE2\x80\x83Pop\xC2\xAD"
                                   "escu\n"),
            "ana popescu");
  EXPECT_EQ(normalise_for_matching("An\xE2\x80\x8B"
                                   "a"),
            "ana");  // zero-width space
  EXPECT_EQ(normalise_for_matching("An\xFF"
                                   "a \xC3"),
            "ana");
  EXPECT_EQ(normalise_for_matching(" - . ' "), "");
  EXPECT_EQ(normalise_for_matching(""), "");
}

class BlindIndexTest : public ::testing::Test {
 protected:
  KeyStore keys = KeyStore::generate_in_memory();
  BlindIndex index{keys.blind_index_key()};
};

TEST_F(BlindIndexTest, MatchesSpellingVariantsOfOnePerson) {
  EXPECT_EQ(index.person("  Anna-Maria  KOVÁČOVÁ ", "1990-05-17"),
            index.person("anna maria kovacova", "1990-05-17"));
  EXPECT_EQ(index.person("ЁЛКИНА Ольга", "2001-02-03"), index.person("елкина ольга", "2001-02-03"));
  EXPECT_EQ(index.person("елкина ольга", " 2001-02-03 "),
            index.person("елкина ольга", "2001-02-03"));
}

TEST_F(BlindIndexTest, SeparatesDifferentPeople) {
  EXPECT_NE(index.person("Anna Kovacova", "1990-05-17"),
            index.person("Anna Kovacova", "1990-05-18"));
  EXPECT_NE(index.person("Anna Kovacova", "1990-05-17"),
            index.person("Hanna Kovacova", "1990-05-17"));
  EXPECT_NE(index.person("Anna Kovacova", ""), index.person("Anna Kovacova", "1990-05-17"));
}

TEST_F(BlindIndexTest, IsTheKeyedHashOfNameAndDate) {
  EXPECT_EQ(index.person("Anna-Maria KOVÁČOVÁ", "1990-05-17"),
            index.of("anna maria kovacova|1990-05-17"));
  EXPECT_EQ(index.of("x").size(), 64U);
}

TEST_F(BlindIndexTest, GivesNothingForANameWithoutLetters) {
  EXPECT_EQ(index.person("", "1990-05-17"), "");
  EXPECT_EQ(index.person(" -- ", "1990-05-17"), "");
}

TEST_F(BlindIndexTest, DependsOnTheKey) {
  const KeyStore other_keys = KeyStore::generate_in_memory();
  const BlindIndex other(other_keys.blind_index_key());
  EXPECT_NE(index.person("Anna Kovacova", "1990-05-17"),
            other.person("Anna Kovacova", "1990-05-17"));
  std::array<std::uint8_t, 32> fixed{};
  EXPECT_EQ(BlindIndex(fixed).of("x"), BlindIndex(fixed).of("x"));
}

}  // namespace
}  // namespace lifeline::crypto
