#pragma once
// The procedure's rows as the API shows them (docs/api.md, "After the theory
// stage"): one place for every JSON name.
#include <nlohmann/json.hpp>

#include "exam/common/date.hpp"
#include "exam/recognition/procedure.hpp"
#include "exam/theory/programme.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/store.hpp"
#include "server/recognition/appeals.hpp"
#include "server/recognition/store.hpp"
#include "server/recognition/store_commissions.hpp"

namespace tanu::server::recognition {

using json = nlohmann::json;

json act_json(const act_row& a);
json outcome_json(const exam::practical_outcome& o);
// The card, the marks, the outcome and whether the theory admits to it.
json practical_json(db& d, const exam::programme& prog, const sitting_row& s);
// `today`: the server's local date, for appeal_open. The protocol's own
// deadline is its sitting's procedure_dates::protocol_due. With "binding",
// "signed_date", "commission" and "quorum" {"rule", "needed", "have",
// "chair_signed", "missing": [logins]}; the terms are null until it binds.
json protocol_json(db& d, const protocol_row& p, const exam::date& today);
// A document as the public lookup shows it. `holder_verified`: the asker showed
// the check value (or is the holder or the centre): the full name; otherwise
// the holder's initials, so that guessing codes does not list names.
json document_public_json(const document_row& d, bool holder_verified = true);
// With "outcome" (null until decided), "reasons", "quorum_rule",
// "minutes_date" and "minutes_sha256" (migration 18).
json appeal_json(const appeal_row& a);
// {"votes": [{"member", "login", "outcome", "reasons", "note", "voted_ms"}],
//  "quorum": {"rule", "state": {"reached", "needed", "have", "chair_needed",
//  "chair_voted", "tied", "missing": [{"user", "login"}]}}, "tally":
//  {"recognised", "annulled", "rejected"}, "decision": outcome|null}.
json appeal_votes_json(db& d, const appeal_count& c);
// A commission whole (GET /api/commissions/{id}); `active` on `today`.
json commission_json(const commission_row& c, const exam::date& today);
// {"id", "name", "order_no"} or null (no commission: the short path).
json commission_ref_json(const std::optional<commission_row>& c);

}  // namespace tanu::server::recognition
