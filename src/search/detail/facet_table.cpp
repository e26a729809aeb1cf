#include "search/detail/facet_table.hpp"

#include <string_view>
#include <unordered_map>

#include "search/detail/schema.hpp"

namespace lifeline::search::detail {

FacetTable::FacetTable(const Xapian::Database& db) {
  starts_.assign(static_cast<std::size_t>(db.get_lastdocid()) + 2, 0);
  // Pairs seen so far, keyed by their two fields as stored.
  std::unordered_map<std::string, std::uint32_t> pair_ids;
  Xapian::docid next = 0;  // documents before it have their start set
  for (auto value = db.valuestream_begin(kFacetSlot); value != db.valuestream_end(kFacetSlot);
       ++value) {
    const Xapian::docid did = value.get_docid();
    for (; next <= did; ++next) starts_[next] = static_cast<std::uint32_t>(ids_.size());
    const std::string encoded = *value;
    const auto fields = decode_fields(encoded);
    for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
      std::string key;
      append_field(key, fields[i]);
      append_field(key, fields[i + 1]);
      const auto [entry, added] =
          pair_ids.try_emplace(std::move(key), static_cast<std::uint32_t>(pairs_.size()));
      if (added) pairs_.emplace_back(std::string(fields[i]), std::string(fields[i + 1]));
      ids_.push_back(entry->second);
    }
  }
  for (; next < starts_.size(); ++next) starts_[next] = static_cast<std::uint32_t>(ids_.size());
}

std::span<const std::uint32_t> FacetTable::values_of(Xapian::docid did) const {
  if (did + 1 >= starts_.size()) return {};
  return std::span<const std::uint32_t>(ids_).subspan(starts_[did],
                                                      starts_[did + 1] - starts_[did]);
}

std::shared_ptr<const FacetTable> FacetTableCache::get(const Xapian::Database& db) {
  const std::string key = db.get_uuid() + "/" + std::to_string(db.get_revision());
  std::lock_guard lock(mutex_);
  if (key != key_ || !table_) {
    table_ = std::make_shared<const FacetTable>(db);
    key_ = key;
  }
  return table_;
}

}  // namespace lifeline::search::detail
