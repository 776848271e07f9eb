#pragma once
// People (one per IIN, whatever part they play) and the candidates they are:
// storage. Every function takes the connection it runs on; only the stores and
// migrations/ know the SQL.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "server/db/sqlite.hpp"

namespace tanu::server {

// A person, one per IIN, whatever part they play (candidate; later expert, healthcare worker).
struct person_row {
    std::int64_t id = 0;
    std::string iin, full_name, birth_date, email, phone;
};

struct candidate_row {
    std::int64_t id = 0;
    std::int64_t user = 0;
    std::string login;
    std::string iin, full_name, birth_date, email, phone;  // the person's
    std::int64_t person = 0;
};

// One line of the staff's candidate list (GET /api/candidates).
struct candidate_brief {
    std::int64_t id = 0;
    std::string login, iin, full_name, birth_date;
    bool photo = false;  // an ID photo is on file
};
// The candidate's ID photo on file (migrations/0002: photos; written by the proctoring).
struct photo_file {
    std::string path;  // relative to the data directory
    std::string sha256;
    std::int64_t created_ms = 0;
};

namespace store {

// candidates
// The person of `p.iin`, made when there is none (an existing one is kept as it is).
std::int64_t person_of_iin(db& d, const person_row& p, std::int64_t now_ms);
std::optional<person_row> find_person(db& d, std::int64_t id);
// A candidate account for the person of c.iin (made when new).
std::int64_t insert_candidate(db& d, std::int64_t user, const candidate_row& c, std::int64_t now_ms);
std::optional<candidate_row> find_candidate(db& d, std::int64_t id);
bool iin_taken(db& d, const std::string& iin);

// Every candidate, sorted by full name (bytewise, then id), for the search to filter.
// Calls `take` for each until it returns false.
void each_candidate_by_name(db& d, const std::function<bool(candidate_brief&&)>& take);
// The candidate's ID photo on file, if any.
std::optional<photo_file> candidate_photo(db& d, std::int64_t candidate);

}  // namespace store
}  // namespace tanu::server
