#pragma once
// The staff's candidate search (GET /api/candidates?q=TEXT): by the start of
// an IIN or a part of the full name, whatever the letter case (Latin,
// Cyrillic with the Kazakh letters; ё as е).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "server/db/sqlite.hpp"
#include "server/people/store.hpp"

namespace tanu::server::people {

inline constexpr std::size_t max_query_chars = 100;  // longer: unprocessable
inline constexpr std::size_t max_results = 100;

// `text` in lower case for comparison: ASCII and Cyrillic (U+0400-U+04FF) letters
// folded, ё as е, runs of spaces as one, trimmed. Other bytes stay as they are.
std::string fold(std::string_view text);

// q empty: the first `limit` candidates by name. q of digits only: those whose
// IIN begins with it. Else those whose folded name holds the folded q. Sorted
// by full name (bytewise), then id; at most `limit`. A q longer than
// max_query_chars code points is unprocessable.
std::vector<candidate_brief> search_candidates(db& d, std::string_view q, std::size_t limit = max_results);

}  // namespace tanu::server::people
