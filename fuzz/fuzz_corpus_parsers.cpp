// Feeds arbitrary text to the compendium's parsers: the first byte picks the parser, the rest
// is the text. Each must return a result or an error, never crash, hang or read out of bounds;
// `lifeline corpus import` hands them whatever file a user gives it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/corpus/action_plan.hpp"
#include "domain/corpus/addendum.hpp"
#include "domain/corpus/compendium.hpp"
#include "domain/corpus/corpus_builder.hpp"
#include "domain/corpus/decision.hpp"
#include "domain/corpus/report_2006.hpp"

using namespace lifeline::domain::corpus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 6) {
    case 0:
      (void)parse_decision(text);
      break;
    case 1:
      (void)parse_action_plan(text);
      break;
    case 2:
      (void)parse_addendum(text);
      break;
    case 3:
      (void)parse_compendium(text);
      break;
    case 4:
      (void)parse_report_2006(text);
      break;
    default:
      (void)prepare_decision_import(text, Corpus{});
      break;
  }
  return 0;
}
