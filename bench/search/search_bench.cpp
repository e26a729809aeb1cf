// bench/search: lifeline's search index (Xapian, through SearchIndex) against SQLite FTS5 as
// the baseline, on the same synthetic corpus, in the same run.
//
// The corpus: N records of 40-120 words (the length of OSCE provisions), their words taken
// from the OSCE texts in data/corpus: runs of real text (so phrases occur as they do there)
// mixed with single words sampled by their rank in the real texts, Zipf-like, so common words
// are common and rare ones rare. Each record has random document, pillar, level and keyword
// facets (one to three keywords).
//
// FTS5 gets the same records in `t(id UNINDEXED, title, text, tags)` with the porter unicode61
// tokenizer; `tags` holds each facet value as one token ("xpillarprotection") so the filter
// queries can be written in FTS5 syntax too.
//
// Usage: bench_search CORPUS_DIR WORK_DIR [--docs N] [--rounds R] [--enforce]
// Prints build times, index sizes, and p50/p99/mean latency per engine, overall and per query
// class. --enforce: exit 1 when a target is missed (p99 < 5 ms, no slower than FTS5).
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/search_index.hpp"

namespace {

namespace fs = std::filesystem;
using lifeline::search::SearchDocument;
using lifeline::search::SearchIndex;
using lifeline::search::SearchQuery;
using Clock = std::chrono::steady_clock;

struct Options {
  fs::path corpus_dir;
  fs::path work_dir;
  std::size_t docs = 100'000;
  int rounds = 20;
  bool enforce = false;
};

// ---------------------------------------------------------------- formatting

std::string thousands(std::size_t n) {
  const std::string digits = std::to_string(n);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

std::string fixed(double value, int decimals) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(decimals);
  out << value;
  return out.str();
}

void say(const std::string& line) {
  std::printf("bench/search: %s\n", line.c_str());
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::uintmax_t directory_bytes(const fs::path& dir) {
  std::uintmax_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return bytes;
}

std::string megabytes(std::uintmax_t bytes) {
  return fixed(static_cast<double>(bytes) / (1024.0 * 1024.0), 1) + " MB";
}

// ---------------------------------------------------------------- corpus

// The words of the real texts in reading order, lower case, letters only.
std::vector<std::string> read_words(const fs::path& corpus_dir) {
  std::vector<std::string> words;
  for (const auto& entry : fs::directory_iterator(corpus_dir)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path());
    std::string word;
    for (char c; in.get(c);) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        word += static_cast<char>(c | 0x20);
      } else if (!word.empty()) {
        if (word.size() > 1) words.push_back(word);
        word.clear();
      }
    }
  }
  if (words.size() < 1000) throw std::runtime_error("too few words in " + corpus_dir.string());
  return words;
}

// Distinct words, most frequent first.
std::vector<std::string> rank_words(const std::vector<std::string>& words) {
  std::unordered_map<std::string, std::size_t> counts;
  for (const auto& word : words) ++counts[word];
  std::vector<std::pair<std::string, std::size_t>> ranked(counts.begin(), counts.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<std::string> vocabulary;
  vocabulary.reserve(ranked.size());
  for (auto& [word, count] : ranked) vocabulary.push_back(word);
  return vocabulary;
}

constexpr std::array<std::string_view, 12> kDocuments{
    "AP",    "ADD",       "ADD2005", "MC6/17",     "MC7/17",  "MC6/18",
    "R2006", "PORTO2002", "MC2/03",  "VIENNA2000", "MC14/06", "MC8/07"};
constexpr std::array<std::string_view, 6> kPillars{"prosecution",  "prevention", "protection",
                                                   "partnerships", "follow_up",  "general"};
constexpr std::array<std::string_view, 3> kLevels{"national", "osce", "partners"};
constexpr std::array<std::string_view, 28> kKeywords{"children",
                                                     "prevention",
                                                     "co-operation and partnerships",
                                                     "policy development",
                                                     "sexual exploitation",
                                                     "private sector",
                                                     "technology",
                                                     "gender",
                                                     "capacity-building and training",
                                                     "identification",
                                                     "awareness-raising",
                                                     "victim support",
                                                     "supply chains",
                                                     "law enforcement",
                                                     "data and research",
                                                     "migration",
                                                     "judiciary",
                                                     "civil society",
                                                     "vulnerability",
                                                     "recruitment",
                                                     "media",
                                                     "labour exploitation",
                                                     "health care",
                                                     "demand",
                                                     "border",
                                                     "non-punishment",
                                                     "domestic servitude",
                                                     "financial investigation"};

class CorpusGenerator {
 public:
  explicit CorpusGenerator(const fs::path& corpus_dir)
      : text_(read_words(corpus_dir)), vocabulary_(rank_words(text_)), zipf_(zipf_weights()) {}

  const std::vector<std::string>& vocabulary() const { return vocabulary_; }

  SearchDocument make(std::size_t n) {
    SearchDocument doc;
    const std::string document(pick(kDocuments));
    doc.id = document + "." + std::to_string(n);
    doc.kind = "provision";
    doc.title = capitalised(words(3 + random_below(6)));
    doc.text = capitalised(words(40 + random_below(81))) + ".";
    doc.facets["document"] = {document};
    doc.facets["pillar"] = {std::string(pick(kPillars))};
    doc.facets["level"] = {std::string(pick(kLevels))};
    auto& keywords = doc.facets["keyword"];
    for (std::size_t k = 1 + random_below(3); keywords.size() < k;) {
      const std::string_view keyword = pick(kKeywords);
      if (std::find(keywords.begin(), keywords.end(), keyword) == keywords.end()) {
        keywords.emplace_back(keyword);
      }
    }
    return doc;
  }

 private:
  // Weight of rank r is 1 / (r + 1): Zipf's law with exponent 1.
  std::discrete_distribution<std::size_t> zipf_weights() const {
    std::vector<double> weights(vocabulary_.size());
    for (std::size_t r = 0; r < weights.size(); ++r) weights[r] = 1.0 / static_cast<double>(r + 1);
    return {weights.begin(), weights.end()};
  }

  std::size_t random_below(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
  }

  template <std::size_t N>
  std::string_view pick(const std::array<std::string_view, N>& values) {
    return values[random_below(N)];
  }

  // `count` words: runs of 2-8 words of real text, or of 1-4 Zipf-sampled words.
  std::vector<std::string_view> words(std::size_t count) {
    std::vector<std::string_view> out;
    while (out.size() < count) {
      if (random_below(2) == 0) {
        const std::size_t start = random_below(text_.size() - 8);
        for (std::size_t i = 0, run = 2 + random_below(7); i < run; ++i)
          out.push_back(text_[start + i]);
      } else {
        for (std::size_t i = 0, run = 1 + random_below(4); i < run; ++i) {
          out.push_back(vocabulary_[zipf_(random_)]);
        }
      }
    }
    out.resize(count);
    return out;
  }

  static std::string capitalised(const std::vector<std::string_view>& words) {
    std::string text;
    for (const auto word : words) {
      if (!text.empty()) text += ' ';
      text += word;
    }
    if (!text.empty()) text[0] = static_cast<char>(text[0] & ~0x20);
    return text;
  }

  std::vector<std::string> text_;
  std::vector<std::string> vocabulary_;
  std::discrete_distribution<std::size_t> zipf_;
  std::mt19937_64 random_{20031202};  // fixed: every run indexes the same corpus
};

// ---------------------------------------------------------------- queries

struct BenchQuery {
  std::string query_class;
  std::string text;  // SearchIndex syntax
  std::map<std::string, std::vector<std::string>> filters;
  std::string fts5;  // the same query in FTS5 syntax
};

// A facet value as one FTS5 token of the "tags" column ("xpillarprotection").
std::string tag_token(std::string_view facet, std::string_view value) {
  std::string token = "x" + std::string(facet);
  for (const char c : value) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) token += c;
    if (c >= 'A' && c <= 'Z') token += static_cast<char>(c | 0x20);
  }
  return token;
}

// Rare words: ranks far down the vocabulary, real words of at least five letters.
std::vector<std::string> rare_words(const std::vector<std::string>& vocabulary) {
  std::vector<std::string> rare;
  for (std::size_t rank : {1500, 2500, 3500, 4500}) {
    for (std::size_t r = std::min(rank, vocabulary.size() - 1); r < vocabulary.size(); ++r) {
      if (vocabulary[r].size() >= 5) {
        rare.push_back(vocabulary[r]);
        break;
      }
    }
  }
  return rare;
}

std::vector<BenchQuery> make_queries(const std::vector<std::string>& vocabulary) {
  std::vector<BenchQuery> queries{
      {"common", "trafficking", {}, "trafficking"},
      {"common", "states", {}, "states"},
      {"common", "victims", {}, "victims"},
      {"common", "human", {}, "human"},
      {"and", "victims assistance", {}, "victims AND assistance"},
      {"and", "national referral", {}, "national AND referral"},
      {"and", "labour exploitation", {}, "labour AND exploitation"},
      {"and", "children protection", {}, "children AND protection"},
      {"phrase", "\"human beings\"", {}, "\"human beings\""},
      {"phrase", "\"participating states\"", {}, "\"participating states\""},
      {"phrase", "\"national referral mechanisms\"", {}, "\"national referral mechanisms\""},
      {"phrase", "\"forced labour\"", {}, "\"forced labour\""},
      {"prefix", "traffick*", {}, "traffick*"},
      {"prefix", "protect*", {}, "protect*"},
      {"prefix", "exploit*", {}, "exploit*"},
      {"prefix", "prosecut*", {}, "prosecut*"},
      {"or", "children OR minors", {}, "children OR minors"},
      {"or", "labour OR exploitation", {}, "labour OR exploitation"},
      {"or", "police OR prosecutors", {}, "police OR prosecutors"},
      {"not", "trafficking NOT children", {}, "trafficking NOT children"},
      {"not", "victims NOT assistance", {}, "victims NOT assistance"},
      {"not", "states NOT osce", {}, "states NOT osce"},
      {"filter",
       "victims",
       {{"pillar", {"protection"}}},
       "victims AND tags : " + tag_token("pillar", "protection")},
      {"filter",
       "trafficking",
       {{"keyword", {"children"}}},
       "trafficking AND tags : " + tag_token("keyword", "children")},
      {"filter",
       "co-operation",
       {{"document", {"AP"}}, {"level", {"national"}}},
       "\"co operation\" AND tags : " + tag_token("document", "AP") +
           " AND tags : " + tag_token("level", "national")},
      {"filter", "", {{"pillar", {"prevention"}}}, "tags : " + tag_token("pillar", "prevention")},
  };
  for (const auto& word : rare_words(vocabulary)) queries.push_back({"rare", word, {}, word});
  return queries;
}

// ---------------------------------------------------------------- Xapian

class ProgressLine {
 public:
  void operator()(std::size_t done, std::size_t total) {
    const auto now = Clock::now();
    if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    std::fprintf(stderr, "\rindexing %s/%s (%zu%%)%s", thousands(done).c_str(),
                 thousands(total).c_str(), total == 0 ? 100 : done * 100 / total,
                 done == total ? "\n" : "");
  }

 private:
  Clock::time_point last_{};
};

std::unique_ptr<SearchIndex> build_xapian(const fs::path& dir,
                                          const std::vector<SearchDocument>& docs) {
  auto index = SearchIndex::on_disk(dir);
  if (!index) throw std::runtime_error(index.error().message);
  ProgressLine progress;
  const auto start = Clock::now();
  if (auto built = (*index)->rebuild(docs, std::ref(progress)); !built) {
    throw std::runtime_error(built.error().message);
  }
  const double elapsed = seconds_since(start);
  say("xapian rebuild " + fixed(elapsed, 1) + " s (" +
      thousands(static_cast<std::size_t>(static_cast<double>(docs.size()) / elapsed)) +
      " docs/s), index " + megabytes(directory_bytes(dir)));
  return std::move(*index);
}

// ---------------------------------------------------------------- FTS5

class Sqlite {
 public:
  explicit Sqlite(const fs::path& file) {
    if (sqlite3_open(file.c_str(), &db_) != SQLITE_OK) fail("open");
  }
  ~Sqlite() { sqlite3_close(db_); }
  Sqlite(const Sqlite&) = delete;
  Sqlite& operator=(const Sqlite&) = delete;

  void exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) fail(sql);
    return statement;
  }
  [[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("sqlite: " + what + ": " + sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_ = nullptr;
};

std::string tags_of(const SearchDocument& doc) {
  std::string tags;
  for (const auto& [facet, values] : doc.facets) {
    for (const auto& value : values) tags += tag_token(facet, value) + " ";
  }
  return tags;
}

void build_fts5(Sqlite& db, const fs::path& file, const std::vector<SearchDocument>& docs) {
  const auto start = Clock::now();
  db.exec(
      "CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, text, tags, "
      "tokenize='porter unicode61')");
  db.exec("BEGIN");
  sqlite3_stmt* insert = db.prepare("INSERT INTO t (id, title, text, tags) VALUES (?, ?, ?, ?)");
  for (const auto& doc : docs) {
    const std::string tags = tags_of(doc);
    sqlite3_bind_text(insert, 1, doc.id.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 2, doc.title.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 3, doc.text.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 4, tags.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(insert) != SQLITE_DONE) db.fail("insert");
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  db.exec("COMMIT");
  const double elapsed = seconds_since(start);
  say("fts5 build     " + fixed(elapsed, 1) + " s (" +
      thousands(static_cast<std::size_t>(static_cast<double>(docs.size()) / elapsed)) +
      " docs/s), index " + megabytes(fs::file_size(file)));
}

// Runs one FTS5 query the way an API handler would: the top 20 with score and snippet, every
// column read so SQLite computes it. Returns the rows.
std::size_t run_fts5(Sqlite& db, sqlite3_stmt* statement, const std::string& match) {
  sqlite3_bind_text(statement, 1, match.c_str(), -1, SQLITE_STATIC);
  std::size_t rows = 0;
  int status = 0;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
    const bool complete = sqlite3_column_text(statement, 0) != nullptr &&
                          sqlite3_column_double(statement, 1) <= 0 &&  // bm25() is negative
                          sqlite3_column_text(statement, 2) != nullptr;
    if (!complete) db.fail("incomplete row for " + match);
    ++rows;
  }
  if (status != SQLITE_DONE) db.fail("query " + match);
  sqlite3_reset(statement);
  return rows;
}

// ---------------------------------------------------------------- measuring

struct Samples {
  std::vector<double> ms;
  void add(double value) { ms.push_back(value); }
  double percentile(double p) const {
    if (ms.empty()) return 0;
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const auto rank =
        static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::max<std::size_t>(rank, 1) - 1];
  }
  double mean() const {
    return ms.empty() ? 0
                      : std::accumulate(ms.begin(), ms.end(), 0.0) / static_cast<double>(ms.size());
  }
};

constexpr std::array<const char*, 3> kEngines{"xapian full", "xapian raw", "fts5"};
// Per engine: all samples, and samples per query class.
using Measurements = std::map<std::string, std::map<std::string, Samples>>;

template <class Run>
double time_ms(Run&& run) {
  const auto start = Clock::now();
  run();
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

SearchQuery api_query(const BenchQuery& query, bool full) {
  SearchQuery search;
  search.text = query.text;
  search.filters = query.filters;
  search.limit = 20;
  search.snippets = full;
  if (full) search.facets = {"document", "pillar", "level", "keyword"};
  return search;
}

void run_xapian(const SearchIndex& index, const BenchQuery& query, bool full) {
  const auto result = index.search(api_query(query, full));
  if (!result) throw std::runtime_error("xapian: " + query.text + ": " + result.error().message);
}

void print_matches(const SearchIndex& index, const std::vector<BenchQuery>& queries) {
  std::string line = "matches per query (xapian):";
  for (const auto& query : queries) {
    const auto result = index.search(api_query(query, true));
    line += " " + (query.text.empty() ? "<browse>" : query.text) + "=" +
            thousands(result ? result->total : 0) + (result && !result->exact ? "~" : "");
  }
  say(line);
}

Measurements measure(const SearchIndex& index, Sqlite& fts, const std::vector<BenchQuery>& queries,
                     int rounds) {
  sqlite3_stmt* statement = fts.prepare(
      "SELECT id, bm25(t), snippet(t, 2, '<mark>', '</mark>', '…', 12) FROM t WHERE t MATCH ? "
      "ORDER BY bm25(t) LIMIT 20");
  Measurements measurements;
  // Round 0 warms caches and is not counted.
  for (int round = 0; round <= rounds; ++round) {
    for (const auto& query : queries) {
      const double full = time_ms([&] { run_xapian(index, query, true); });
      const double raw = time_ms([&] { run_xapian(index, query, false); });
      const double fts5 = time_ms([&] { run_fts5(fts, statement, query.fts5); });
      if (round == 0) continue;
      for (const auto& [engine, ms] : {std::pair{kEngines[0], full}, std::pair{kEngines[1], raw},
                                       std::pair{kEngines[2], fts5}}) {
        measurements[engine]["all"].add(ms);
        measurements[engine][query.query_class].add(ms);
      }
    }
  }
  sqlite3_finalize(statement);
  return measurements;
}

std::string row(const std::string& label, const Samples& samples) {
  char line[160];
  std::snprintf(line, sizeof line, "%-14s p50 %7.3f  p99 %7.3f  mean %7.3f ms", label.c_str(),
                samples.percentile(50), samples.percentile(99), samples.mean());
  return line;
}

void print_report(Measurements& m) {
  say("latency over all queries (" + thousands(m[kEngines[0]]["all"].ms.size()) +
      " searches per engine):");
  for (const char* engine : kEngines) say("  " + row(engine, m[engine]["all"]));
  say("per query class (p50 / p99 ms; ratio = xapian full p99 / fts5 p99):");
  for (const auto& [query_class, fts5] : m["fts5"]) {
    if (query_class == "all") continue;
    const Samples& full = m[kEngines[0]][query_class];
    const Samples& raw = m[kEngines[1]][query_class];
    char line[200];
    std::snprintf(
        line, sizeof line,
        "  %-7s full %6.3f / %6.3f   raw %6.3f / %6.3f   fts5 %6.3f / %6.3f   ratio %5.2f",
        query_class.c_str(), full.percentile(50), full.percentile(99), raw.percentile(50),
        raw.percentile(99), fts5.percentile(50), fts5.percentile(99),
        full.percentile(99) / std::max(fts5.percentile(99), 1e-9));
    say(line);
  }
}

// Targets: p99 of the full API search under 5 ms, and its p99 and mean no slower than FTS5's.
bool report_targets(Measurements& m) {
  const Samples& full = m[kEngines[0]]["all"];
  const Samples& fts5 = m["fts5"]["all"];
  const bool fast = full.percentile(99) < 5.0;
  const bool not_slower = full.percentile(99) <= fts5.percentile(99) && full.mean() <= fts5.mean();
  say("target p99 < 5 ms: " + fixed(full.percentile(99), 3) + " ms " + (fast ? "met" : "MISSED"));
  say("target no slower than FTS5: p99 " + fixed(full.percentile(99) / fts5.percentile(99), 2) +
      "x, mean " + fixed(full.mean() / fts5.mean(), 2) + "x of FTS5 " +
      (not_slower ? "met" : "MISSED"));
  return fast && not_slower;
}

Options parse_options(int argc, char** argv) {
  if (argc < 3) {
    throw std::runtime_error(
        "usage: bench_search CORPUS_DIR WORK_DIR [--docs N] [--rounds R] [--enforce]");
  }
  Options options{argv[1], argv[2]};
  for (int i = 3; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--enforce") {
      options.enforce = true;
    } else if (arg == "--docs" && i + 1 < argc) {
      options.docs = std::stoul(argv[++i]);
    } else if (arg == "--rounds" && i + 1 < argc) {
      options.rounds = std::stoi(argv[++i]);
    } else {
      throw std::runtime_error("unknown argument " + std::string(arg));
    }
  }
  return options;
}

int run(const Options& options) {
  CorpusGenerator generator(options.corpus_dir);
  std::vector<SearchDocument> docs;
  docs.reserve(options.docs);
  std::size_t words = 0;
  for (std::size_t n = 0; n < options.docs; ++n) {
    docs.push_back(generator.make(n));
    words += static_cast<std::size_t>(
        std::count(docs.back().text.begin(), docs.back().text.end(), ' ') + 1);
  }
  say("corpus " + thousands(docs.size()) + " records, " +
      fixed(static_cast<double>(words) / static_cast<double>(docs.size()), 1) +
      " words of text on average, vocabulary " + thousands(generator.vocabulary().size()) +
      " words from " + options.corpus_dir.string());

  fs::create_directories(options.work_dir);
  const auto index = build_xapian(options.work_dir / "xapian", docs);
  const fs::path fts_file = options.work_dir / "fts5.db";
  fs::remove(fts_file);
  Sqlite fts(fts_file);
  build_fts5(fts, fts_file, docs);
  docs.clear();

  const auto queries = make_queries(generator.vocabulary());
  const double first_ms = time_ms([&] { run_xapian(*index, queries.front(), true); });
  say("first search with facets after the rebuild (loads the facet table): " + fixed(first_ms, 1) +
      " ms");
  print_matches(*index, queries);
  auto measurements = measure(*index, fts, queries, options.rounds);
  print_report(measurements);
  const bool met = report_targets(measurements);
  return (options.enforce && !met) ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_options(argc, argv));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench/search: %s\n", error.what());
    return 2;
  }
}
