#include "search/search_index.hpp"

#include <cstdlib>
#include <exception>
#include <functional>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>

#include <xapian.h>

#include "search/detail/facet_table.hpp"
#include "search/detail/query.hpp"
#include "search/detail/record.hpp"
#include "search/detail/searcher.hpp"
#include "search/detail/store.hpp"

namespace lifeline::search {

namespace {

// Documents a rebuild adds between commits: measured about 25% less CPU time than Xapian's
// default batch of 10,000 (bench/search).
constexpr std::size_t kRebuildBatch = 2000;

// Runs `work` and turns any exception into an Error: nothing thrown by Xapian, the file
// system or the standard library leaves this component.
template <class T, class Work>
Result<T> guarded(const char* what, Work&& work) {
  try {
    if constexpr (std::is_void_v<T>) {
      std::forward<Work>(work)();
      return {};
    } else {
      return std::forward<Work>(work)();
    }
  } catch (const Xapian::DatabaseLockError&) {
    return fail(Errc::unavailable,
                std::string(what) + ": the search index is in use by another process");
  } catch (const Xapian::Error& error) {
    return fail(Errc::internal, std::string(what) + ": " + error.get_description());
  } catch (const std::exception& error) {
    return fail(Errc::internal, std::string(what) + ": " + error.what());
  }
}

Result<void> check_documents(std::span<const SearchDocument> docs) {
  for (const auto& doc : docs) {
    if (auto checked = detail::check_document(doc); !checked) return checked;
  }
  return {};
}

std::filesystem::path make_temporary_directory() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "lifeline-search-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::filesystem::filesystem_error("cannot create a temporary directory", pattern,
                                            std::error_code(errno, std::generic_category()));
  }
  return pattern;
}

// Adds or replaces `docs` in `db`, calling after_each(done) after each one.
void add_documents(Xapian::WritableDatabase& db, std::span<const SearchDocument> docs,
                   const std::function<void(std::size_t done)>& after_each = {}) {
  Xapian::TermGenerator terms = detail::make_term_generator(db);
  detail::add_facet_names(db, docs);
  detail::add_irregular_plurals(db);
  std::size_t done = 0;
  for (const auto& doc : docs) {
    db.replace_document(detail::unique_term(doc.id), detail::build_record(doc, terms));
    if (after_each) after_each(++done);
  }
}

}  // namespace

SearchIndex::SearchIndex(std::unique_ptr<detail::Store> store)
    : store_(std::move(store)), facet_tables_(std::make_unique<detail::FacetTableCache>()) {}

SearchIndex::~SearchIndex() = default;

Result<std::unique_ptr<SearchIndex>> SearchIndex::temporary() {
  return guarded<std::unique_ptr<SearchIndex>>("creating a search index", [] {
    auto store = std::make_unique<detail::Store>(make_temporary_directory(), true);
    return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(store)));
  });
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::on_disk(const std::filesystem::path& dir) {
  return guarded<std::unique_ptr<SearchIndex>>("opening the search index", [&] {
    auto store = std::make_unique<detail::Store>(dir, false);
    return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(store)));
  });
}

Result<void> SearchIndex::replace(std::span<const SearchDocument> docs) {
  if (auto checked = check_documents(docs); !checked) return checked;
  std::lock_guard lock(write_mutex_);
  return guarded<void>("updating the search index", [&] {
    store_->write([&](Xapian::WritableDatabase& db) { add_documents(db, docs); });
  });
}

Result<void> SearchIndex::remove(std::span<const std::string> ids) {
  std::lock_guard lock(write_mutex_);
  return guarded<void>("updating the search index", [&] {
    store_->write([&](Xapian::WritableDatabase& db) {
      for (const auto& id : ids) {
        if (detail::is_indexable_id(id)) db.delete_document(detail::unique_term(id));
      }
    });
  });
}

Result<void> SearchIndex::rebuild(std::span<const SearchDocument> docs, const Progress& progress) {
  if (auto checked = check_documents(docs); !checked) return checked;
  std::lock_guard lock(write_mutex_);
  return guarded<void>("rebuilding the search index", [&] {
    if (progress) progress(0, docs.size());
    store_->replace_all([&](Xapian::WritableDatabase& db) {
      add_documents(db, docs, [&](std::size_t done) {
        // Xapian indexes faster in batches smaller than its default 10,000 documents, and
        // nobody reads this database before it is complete.
        if (done % kRebuildBatch == 0) db.commit();
        if (progress && done % kProgressStep == 0 && done < docs.size()) {
          progress(done, docs.size());
        }
      });
    });
    if (progress) progress(docs.size(), docs.size());
  });
}

Result<SearchResult> SearchIndex::search(const SearchQuery& query) const {
  if (auto checked = detail::check_query(query); !checked) return tl::unexpected(checked.error());
  return guarded<SearchResult>("searching", [&] {
    SearchResult result;
    store_->read([&](const Xapian::Database& db) {
      result = detail::run_search(db, query, *facet_tables_);
    });
    return result;
  });
}

std::size_t SearchIndex::size() const {
  return store_->size();
}

}  // namespace lifeline::search
