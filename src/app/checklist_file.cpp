#include "app/checklist_file.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include "app/cli_support.hpp"

namespace lifeline::app {
namespace {

constexpr std::size_t kMaxChecklistBytes = 1 << 20;
constexpr std::size_t kMaxLabelBytes = 500;
constexpr std::size_t kMaxItems = 500;

// A translation's key is a two-letter language code ("ru", "uk"); "label" is the English one.
bool is_language_code(std::string_view key) {
  return key.size() == 2 && key[0] >= 'a' && key[0] <= 'z' && key[1] >= 'a' && key[1] <= 'z';
}

Result<std::string> label_text(const toml::node& node, std::string_view where) {
  const auto* value = node.as_string();
  if (value == nullptr || value->get().empty() || value->get().size() > kMaxLabelBytes) {
    return fail(Errc::invalid_argument,
                fmt::format("{} must be a text of 1 to {} bytes", where, kMaxLabelBytes));
  }
  return value->get();
}

Result<domain::nrm::ChecklistItem> item_of(const toml::table& table, std::size_t number) {
  domain::nrm::ChecklistItem item;
  for (const auto& [key, node] : table) {
    const std::string where = fmt::format("indicator {}: {}", number, key.str());
    auto text = label_text(node, where);
    if (!text) return tl::unexpected(text.error());
    if (key == "id") {
      item.id = *text;
    } else if (key == "label") {
      item.label = *text;
    } else if (is_language_code(key.str())) {
      item.translations.emplace(std::string(key.str()), *text);
    } else {
      return fail(Errc::invalid_argument,
                  fmt::format("indicator {}: unknown key {} (id, label or a two-letter language)",
                              number, key.str()));
    }
  }
  if (item.id.empty() || item.label.empty()) {
    return fail(Errc::invalid_argument,
                fmt::format("indicator {} needs an id and a label", number));
  }
  return item;
}

}  // namespace

Result<domain::nrm::Checklist> parse_indicator_checklist(std::string_view text) {
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error& error) {
    return fail(Errc::invalid_argument,
                fmt::format("not a TOML file: {} (line {})", error.description(),
                            error.source().begin.line));
  }
  const auto* list = root["indicators"].as_array();
  if (root.size() != 1 || list == nullptr || list->empty() || list->size() > kMaxItems) {
    return fail(
        Errc::invalid_argument,
        fmt::format("the file must hold 1 to {} [[indicators]] and nothing else", kMaxItems));
  }
  std::vector<domain::nrm::ChecklistItem> items;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto* table = (*list)[i].as_table();
    if (table == nullptr) {
      return fail(Errc::invalid_argument, fmt::format("indicator {} is not a table", i + 1));
    }
    auto item = item_of(*table, i + 1);
    if (!item) return tl::unexpected(item.error());
    items.push_back(std::move(*item));
  }
  return domain::nrm::Checklist::make(std::move(items));
}

Result<domain::nrm::Checklist> load_indicator_checklist(const std::filesystem::path& file) {
  if (file.empty()) return domain::nrm::Checklist::default_indicators();
  auto text = read_text_file(file.string(), kMaxChecklistBytes, "an indicators file");
  if (!text) return tl::unexpected(text.error());
  auto checklist = parse_indicator_checklist(*text);
  if (!checklist) {
    return fail(Errc::invalid_argument,
                fmt::format("{}: {}", file.string(), checklist.error().message));
  }
  return checklist;
}

}  // namespace lifeline::app
