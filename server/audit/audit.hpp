#pragma once
// The tamper-evident trails: the event log of each sitting and the audit log of
// staff changes are hash chains. Each entry's hash covers its content and the
// hash of the entry before it, so editing, inserting or deleting an entry in
// the database breaks the chain from there on; `tanu audit verify` finds it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/db/sqlite.hpp"

namespace tanu::server::audit {

struct event_fields {
    std::int64_t sitting = 0;
    std::int64_t t_ms = 0;
    std::string kind;
    std::string detail;
    bool violation = false;
    int strike = 0;
    std::string evidence;  // path relative to the data directory; '' when none
    std::string sha256;    // of the evidence file
    // The figures behind the detail as a JSON object ({"seconds": 6.0, "faces": 2}),
    // so a page can say them in the reader's language; '' for none (stored NULL).
    // The hash covers it only when it is not empty: chains written before it
    // existed (migration 11) verify as they were.
    std::string args;
};

// At most this many bytes of args: a handful of figures, never a document.
inline constexpr std::size_t max_event_args = 1024;

// Appends an event to its sitting's chain; returns the event's id. Runs in the
// writer's transaction. A non-empty args must be a JSON object of at most
// max_event_args bytes (std::invalid_argument otherwise); it is stored in its
// compact form, which is what the hash covers.
std::int64_t append_event(db& d, const event_fields& e);

// The sitting's events marked technical (args {"technical": true}: a covered or
// dark camera, X6), oldest first, at most `limit`: the evidence of a p.11 act.
std::vector<std::int64_t> technical_event_ids(db& d, std::int64_t sitting, int limit = 200);

// Appends a line to the audit log: who (a user id; nullopt for the server itself)
// did what to which object, when.
void record(db& d, std::int64_t t_ms, std::optional<std::int64_t> actor, const std::string& action,
            const std::string& object, const std::string& detail = "");

// Chains events written before the chain existed (migration 4); returns how many.
int chain_unchained(db& d);

struct report {
    std::int64_t sittings = 0, events = 0, audit_entries = 0;
    std::vector<std::string> breaks;  // one line each, e.g. "sitting 12: event 77 (seq 5): content does not match its hash"
    bool ok() const { return breaks.empty(); }
};
// Re-computes every chain.
report verify(db& d);

}  // namespace tanu::server::audit
