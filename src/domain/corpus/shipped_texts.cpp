#include "domain/corpus/shipped_texts.hpp"

#include <algorithm>
#include <array>

// Each file is included byte for byte by the assembler; the build passes the directory as
// LIFELINE_CORPUS_DIR and re-compiles this file when one of them changes.
#define LIFELINE_STRINGIFY_(x) #x
#define LIFELINE_STRINGIFY(x) LIFELINE_STRINGIFY_(x)
#define LIFELINE_INCLUDE_TEXT(symbol, file)                                                    \
  asm(".section .rodata\n"                                                                     \
      ".global " #symbol "_begin\n" #symbol                                                    \
      "_begin:\n"                                                                              \
      ".incbin \"" LIFELINE_STRINGIFY(LIFELINE_CORPUS_DIR) "/" file                            \
                                                           "\"\n"                              \
                                                           ".global " #symbol "_end\n" #symbol \
                                                           "_end:\n"                           \
                                                           ".byte 0\n"                         \
                                                           ".previous\n");                     \
  extern "C" const char symbol##_begin[];                                                      \
  extern "C" const char symbol##_end[];

LIFELINE_INCLUDE_TEXT(lifeline_corpus_action_plan, "action-plan-2003.txt")
LIFELINE_INCLUDE_TEXT(lifeline_corpus_addendum, "addendum-2013.txt")
LIFELINE_INCLUDE_TEXT(lifeline_corpus_report, "report-2006.txt")
LIFELINE_INCLUDE_TEXT(lifeline_corpus_compendium, "compendium-2019.txt")
LIFELINE_INCLUDE_TEXT(lifeline_corpus_corrections, "corrections.toml")
LIFELINE_INCLUDE_TEXT(lifeline_corpus_press_release, "press-release-2003.txt")

namespace lifeline::domain::corpus {
namespace {

std::string_view between(const char* begin, const char* end) {
  return {begin, static_cast<std::size_t>(end - begin)};
}

}  // namespace

std::span<const ShippedText> shipped_texts() {
  static const std::array texts = {
      ShippedText{"action-plan-2003.txt",
                  between(lifeline_corpus_action_plan_begin, lifeline_corpus_action_plan_end)},
      ShippedText{"addendum-2013.txt",
                  between(lifeline_corpus_addendum_begin, lifeline_corpus_addendum_end)},
      ShippedText{"report-2006.txt",
                  between(lifeline_corpus_report_begin, lifeline_corpus_report_end)},
      ShippedText{"compendium-2019.txt",
                  between(lifeline_corpus_compendium_begin, lifeline_corpus_compendium_end)},
      ShippedText{"corrections.toml",
                  between(lifeline_corpus_corrections_begin, lifeline_corpus_corrections_end)},
      ShippedText{"press-release-2003.txt",
                  between(lifeline_corpus_press_release_begin, lifeline_corpus_press_release_end)},
  };
  return texts;
}

std::string_view shipped_text(std::string_view file) {
  auto texts = shipped_texts();
  auto found = std::ranges::find(texts, file, &ShippedText::file);
  return found == texts.end() ? std::string_view{} : found->text;
}

}  // namespace lifeline::domain::corpus
