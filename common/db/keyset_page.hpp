// One page of a keyset-paginated list. The query asks for `limit + 1` rows: the extra row only
// tells that a next page exists, and the cursor is made from the last row shown, so pages
// neither repeat nor skip rows while others are inserted.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

namespace hindsight::common::db {

// `{"items": [item(row)...], "next_cursor": cursor(last row shown) or null}`.
template <typename ItemOf, typename CursorOf>
nlohmann::json keyset_page(const pqxx::result& rows, int limit, ItemOf&& item_of,
                           CursorOf&& cursor_of) {
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json next = nullptr;
  for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
    if (i == limit) {
      next = cursor_of(rows[i - 1]);
      break;
    }
    items.push_back(item_of(rows[i]));
  }
  return {{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

}  // namespace hindsight::common::db
