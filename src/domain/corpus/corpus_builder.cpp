#include "domain/corpus/corpus_builder.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>

#include "domain/corpus/action_plan.hpp"
#include "domain/corpus/addendum.hpp"
#include "domain/corpus/compendium.hpp"
#include "domain/corpus/decision.hpp"
#include "domain/corpus/enrich.hpp"
#include "domain/corpus/report_2006.hpp"
#include "domain/corpus/shipped_texts.hpp"
#include "domain/corpus/text.hpp"

namespace lifeline::domain::corpus {
namespace {

constexpr std::string_view kCorrectionsFile = "corrections.toml";

using Parser = Result<ParseResult> (*)(std::string_view);

struct ShippedSource {
  const char* file;
  Parser parse;
};

// In the order their documents are listed.
constexpr std::array kShippedSources = {
    ShippedSource{"action-plan-2003.txt", &parse_action_plan},
    ShippedSource{"addendum-2013.txt", &parse_addendum},
    ShippedSource{"compendium-2019.txt", &parse_compendium},
    ShippedSource{"report-2006.txt", &parse_report_2006},
};

// FNV-1a: a stable digest for change detection, not for security.
std::uint64_t digest(std::uint64_t hash, std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

template <class T>
void append(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

void merge(Corpus& into, Corpus& part) {
  append(into.documents, part.documents);
  append(into.provisions, part.provisions);
  append(into.links, part.links);
  append(into.keywords, part.keywords);
  append(into.resources, part.resources);
  append(into.citations, part.citations);
}

// Commitments first, then recommendations, then sources, each group in parse order.
void order_documents(Corpus& corpus) {
  auto rank = [](const Document& d) {
    if (d.kind == document_kind::commitment) return 0;
    return d.kind == document_kind::recommendations ? 1 : 2;
  };
  std::ranges::stable_sort(corpus.documents, {}, rank);
  int sequence = 0;
  for (auto& document : corpus.documents) document.sequence = ++sequence;
}

Result<void> check_unique(const Corpus& corpus) {
  std::set<std::string> ids;
  for (const auto& d : corpus.documents) {
    if (!ids.insert("document " + d.id).second) {
      return fail(Errc::internal, "two documents have the id " + d.id);
    }
  }
  for (const auto& p : corpus.provisions) {
    if (!ids.insert("provision " + p.id).second) {
      return fail(Errc::internal, "two provisions have the id " + p.id);
    }
    if (!ids.contains("document " + p.document)) {
      return fail(Errc::internal, "provision " + p.id + " names no known document");
    }
  }
  return {};
}

// The pillar of a provision the text's own structure does not place (a decision on its own):
// the one whose words it uses most; prevention when none stands out.
std::string suggested_pillar(std::string_view text) {
  struct PillarWords {
    const char* pillar;
    std::vector<const char*> words;
  };
  static const std::array<PillarWords, 3> kPillars = {{
      {pillar::prosecution, {"prosecut", "criminal", "investigat", "law enforcement", "penalt"}},
      {pillar::protection, {"victim", "assistance", "protect", "shelter", "referral"}},
      {pillar::partnerships, {"co-operat", "partnership", "partners", "international organ"}},
  }};
  std::string lowered(text);
  std::ranges::transform(lowered, lowered.begin(),
                         [](char c) { return static_cast<char>(std::tolower(c)); });
  std::string best = pillar::prevention;
  std::size_t best_count = 1;  // a pillar must be named at least twice to win
  for (const auto& [name, words] : kPillars) {
    std::size_t count = 0;
    for (const char* word : words) {
      for (auto at = lowered.find(word); at != std::string::npos; at = lowered.find(word, at + 1))
        ++count;
    }
    if (count > best_count) {
      best = name;
      best_count = count;
    }
  }
  return best;
}

}  // namespace

std::string shipped_corpus_version(std::string_view build_id) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const auto& shipped : shipped_texts()) {
    hash = digest(hash, shipped.file);
    hash = digest(hash, shipped.text);
  }
  hash = digest(hash, build_id);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string version(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4U)
    version[static_cast<std::size_t>(i)] = kHex[hash & 15U];
  return version;
}

Result<ShippedCorpus> build_shipped_corpus() {
  auto corrections = parse_corrections(shipped_text(kCorrectionsFile));
  if (!corrections) return tl::unexpected(corrections.error());
  ShippedCorpus shipped;
  for (const auto& source : kShippedSources) {
    auto text =
        apply_corrections(source.file, std::string(shipped_text(source.file)), *corrections);
    if (!text) return tl::unexpected(text.error());
    auto parsed = source.parse(*text);
    if (!parsed) {
      return fail(Errc::internal, std::string(source.file) + ": " + parsed.error().message);
    }
    for (const auto& line : parsed->unplaced) {
      shipped.unplaced.push_back(std::string(source.file) + ":" + std::to_string(line.line));
    }
    merge(shipped.corpus, parsed->corpus);
  }
  order_documents(shipped.corpus);
  if (auto unique = check_unique(shipped.corpus); !unique) return tl::unexpected(unique.error());
  enrich(shipped.corpus);
  return shipped;
}

Result<Corpus> prepare_decision_import(std::string_view text, const Corpus& stored) {
  auto parsed = parse_decision(text);
  if (!parsed) return tl::unexpected(parsed.error());
  if (!parsed->unplaced.empty()) {
    std::vector<FieldError> lines;
    for (const auto& line : parsed->unplaced) {
      lines.push_back({"line " + std::to_string(line.line), line.text.substr(0, 200)});
    }
    auto message = "the text has " + std::to_string(lines.size()) +
                   " lines that are not part of a decision; nothing was imported";
    return fail_fields(std::move(message), std::move(lines));
  }
  auto& part = parsed->corpus;
  for (const auto& document : part.documents) {
    auto taken = std::ranges::any_of(stored.documents,
                                     [&](const Document& d) { return d.id == document.id; });
    if (taken) return fail(Errc::conflict, "the compendium already has " + document.id);
  }
  for (auto& provision : part.provisions) {
    if (provision.pillar.empty()) provision.pillar = suggested_pillar(provision.text);
  }
  enrich(part, stored);
  return std::move(part);
}

}  // namespace lifeline::domain::corpus
