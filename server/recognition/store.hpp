#pragma once
// Storage of what follows the theory stage (migrations/0004_procedure.sql):
// violation acts, practical marks, protocols, documents and appeals (the
// calendar is server/calendar/store.hpp, the notices server/outbox/store.hpp).
// Every function takes the connection it runs on; only this file and
// migrations/ know the SQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exam/common/calendar.hpp"
#include "exam/recognition/outcome.hpp"
#include "exam/recognition/procedure.hpp"
#include "server/db/sqlite.hpp"

namespace tanu::server {

// The recognition procedure's own dates of a sitting (migration 8), written
// when its theory stage ends.
struct procedure_dates {
    std::string procedure_date;  // YYYY-MM-DD (UTC+5)
    std::string protocol_due;    // the protocol's deadline (seed 002 p.17); '' without calendar data
};

struct act_row {
    std::int64_t id = 0, sitting = 0, event = 0;
    std::string kind, detail;
    std::int64_t t_ms = 0;
    int strike = 0;
    bool evidence = false;  // the event has an evidence image (GET /api/evidence/{event})
    std::string status;     // draft, confirmed, annulled
    std::int64_t created_ms = 0;
    std::optional<std::int64_t> reviewed_by, reviewed_ms;
    std::string reviewed_by_login, reason;
    std::string args;  // the event's figures, JSON text ('' for none)
    std::string channel = "online";  // migration 22: online (the proctoring's), offline (the commission's, W7)
};

struct mark_row {
    std::int64_t member = 0;
    std::string login, item, note;
    bool done = false;
    std::int64_t recorded_ms = 0;
};

struct signature_row {
    std::int64_t member = 0;
    std::string login;
    std::int64_t signed_ms = 0;
};

struct protocol_row {
    std::int64_t id = 0, sitting = 0;
    std::string decision;  // passed, not_passed
    std::string reasons;   // JSON array
    std::string practical; // JSON or ''
    std::int64_t created_ms = 0, created_by = 0;
    std::string results_date, document_due, notice_due, appeal_until;  // its own deadline: procedure_dates::protocol_due
    // Migration 15: the sitting's commission (none: the short path), and when the
    // quorum's last required signature bound it (its local date starts the terms).
    std::optional<std::int64_t> commission, bound_ms;
    std::string signed_date;  // '' until bound
    bool bound() const { return bound_ms.has_value(); }
};

// What binding a protocol sets (p.17-20).
struct protocol_binding {
    std::int64_t bound_ms = 0;
    std::string signed_date, results_date, document_due, notice_due, appeal_until;
};

struct document_row {
    std::string code;
    std::int64_t serial = 0, sitting = 0, candidate = 0;
    std::string programme, profession, full_name;
    int nqf_level = 0;
    std::string procedure_date, issued, valid_until;
    std::int64_t issued_ms = 0;
    std::optional<std::int64_t> issued_by;
    std::string basis, status;
    std::optional<std::int64_t> revoked_ms, revoked_by;
    std::string revoked_reason;
    std::string check_value;  // random, printed beside the code (exam::is_check_value); '' never after 0006
    // The head's signature (migration 14): status pending_signature until it.
    std::string sign_due;     // the last day for it (p.18), '' when unknown
    std::optional<std::int64_t> signed_ms, signed_by;
    std::string sign_method, signed_sha256;
};

struct document_signature {
    std::string code;
    std::string issued, valid_until;  // the day the head signed, and the validity counted from it
    std::int64_t signed_ms = 0, signed_by = 0;
    std::string method, sha256;
};

struct appeal_row {
    std::int64_t id = 0, sitting = 0, candidate = 0;
    std::string reason;
    std::int64_t filed_ms = 0;
    std::string filed_date, decide_by, status, note, document;
    std::optional<std::int64_t> decided_ms, decided_by;
    std::vector<std::int64_t> members;
    std::optional<std::int64_t> commission;  // the appeal commission (migration 15); none: the short path
    // Migration 18: what it decided, by which quorum rule, and the minutes of the vote.
    std::string outcome;  // recognised, annulled, rejected; '' until decided
    std::string reasons, quorum, minutes, minutes_sha256, minutes_date;
    // Migration 21 (W5): cabinet, or paper (entered by the centre, received that day)
    std::string channel = "cabinet";
};

// A member's vote on an appeal (migration 18): his last.
struct appeal_vote_row {
    std::int64_t member = 0;
    std::string login, outcome, reasons, note;
    std::int64_t voted_ms = 0;
};

// What deciding an appeal writes.
struct appeal_decision {
    std::string status, outcome, reasons, note, document, quorum, minutes, minutes_sha256, minutes_date;
    std::int64_t decided_by = 0, decided_ms = 0;
};

namespace store {

// the procedure's date and the protocol's deadline, when the theory stage ends (once)
void set_procedure_dates(db& d, std::int64_t sitting, const procedure_dates& dates);
std::optional<procedure_dates> procedure_dates_of(db& d, std::int64_t sitting);

// acts (p.14)
void insert_act(db& d, std::int64_t sitting, std::int64_t event, std::int64_t now_ms);
std::vector<act_row> acts_of(db& d, std::int64_t sitting);
std::optional<act_row> find_act(db& d, std::int64_t id);
void review_act(db& d, std::int64_t id, const std::string& status, const std::string& reason, std::int64_t member,
                std::int64_t now_ms);
// The sitting's violations that stand (p.14): events counted as a strike whose
// act the commission has not annulled (drafts and confirmed acts stand).
int standing_strikes(db& d, std::int64_t sitting);

// practical marks (p.16-17)
std::vector<mark_row> marks_of(db& d, std::int64_t sitting);
void put_mark(db& d, std::int64_t sitting, std::int64_t member, const std::string& item, bool done,
              const std::string& note, std::int64_t now_ms);

// protocols (p.17)
std::optional<protocol_row> protocol_of(db& d, std::int64_t sitting);
std::int64_t insert_protocol(db& d, const protocol_row& p);
std::vector<signature_row> signatures_of(db& d, std::int64_t protocol);
bool sign_protocol(db& d, std::int64_t protocol, std::int64_t member, std::int64_t now_ms);  // false: signed before
void bind_protocol(db& d, std::int64_t protocol, const protocol_binding& b);

// documents (p.18)
std::int64_t next_document_serial(db& d);
void insert_document(db& d, const document_row& doc);
std::optional<document_row> find_document(db& d, const std::string& code);
std::optional<document_row> document_of_sitting(db& d, std::int64_t sitting);
std::vector<document_row> documents_of_candidate(db& d, std::int64_t candidate);
bool revoke_document(db& d, const std::string& code, const std::string& reason, std::int64_t actor, std::int64_t now_ms);
// pending_signature -> valid; false when it is not awaiting the signature
bool sign_document(db& d, const document_signature& sig);
// documents awaiting the head's signature, the earliest term first
std::vector<document_row> documents_unsigned(db& d, int limit);

// appeals (p.20-23)
std::int64_t insert_appeal(db& d, const appeal_row& a);
std::optional<appeal_row> find_appeal(db& d, std::int64_t id);
std::vector<appeal_row> appeals_of_sitting(db& d, std::int64_t sitting);
std::vector<appeal_row> appeals_for(db& d, std::optional<std::int64_t> member);  // nullopt: all
// The member's vote, replacing his earlier one.
void put_appeal_vote(db& d, std::int64_t appeal, const appeal_vote_row& v);
std::vector<appeal_vote_row> appeal_votes_of(db& d, std::int64_t appeal);  // by the vote's time
// registered -> decided; false when it was decided already
bool decide_appeal(db& d, std::int64_t id, const appeal_decision& dec);
// p.23: the sitting's protocol stands amended by the appeal (recognised).
void amend_protocol(db& d, std::int64_t sitting, std::int64_t appeal);
std::optional<std::int64_t> protocol_amended_by(db& d, std::int64_t sitting);
// The enabled accounts holding `role` (any of their roles), by id.
std::vector<std::int64_t> users_with_role(db& d, const std::string& role);
// Decided by a bound protocol (or an appeal of it).
exam::sitting_outcome outcome_of(db& d, std::int64_t sitting);

// queues
struct awaiting_protocol {
    std::int64_t sitting = 0;
    std::string protocol_due;  // '' when unknown
};
// ended recognition sittings without a bound protocol yet (none, or one awaiting
// its quorum), the earliest deadline first
std::vector<awaiting_protocol> sittings_awaiting_protocol(db& d, int limit);

}  // namespace store
}  // namespace tanu::server
