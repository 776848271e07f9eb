#pragma once
// The refusal to contract (seed 002 p.5): "a reasoned refusal within three
// working days". The registrar prepares it; the head of the centre signs it
// (the signer checks him before the writer's job) or returns it.
#include <cstdint>
#include <string>
#include <vector>

#include "exam/common/date.hpp"
#include "server/accounts/signing.hpp"
#include "server/applications/notices.hpp"
#include "server/applications/store.hpp"
#include "server/db/sqlite.hpp"
#include "server/platform/config.hpp"

namespace tanu::server::applications {

inline constexpr std::size_t max_refusal_defects = 50;
inline constexpr std::size_t max_refusal_note = 1000;       // characters
inline constexpr std::size_t max_refusal_reasoning = 4000;  // characters

struct prepare_refusal_input {
    std::int64_t id = 0;
    std::int64_t user = 0;  // registrar or admin
    std::vector<refusal_defect> defects;
    std::string reasoning;
};
// registered -> refusal_prepared (conflict not_registered). 422 no_defects
// when none; each code one of exam's defect codes or `other` (then a note);
// at most 50 defects, a subject of 100 bytes, a note of 1000 characters, a
// reasoning of 1 to 4000 (field_too_long, field_missing, field_invalid).
// Audited application.refusal_prepared.
application_row prepare_refusal(db& d, const prepare_refusal_input& in, std::int64_t now_ms);

// What the head signs: {"application", "candidate", "iin", "programme",
// "defects", "reasoning", "date"} as nlohmann's dump() writes it (sorted
// keys): the same bytes for the same refusal and day.
std::string refusal_text(const application_row& a, const std::string& date);

struct refusal_to_sign {
    std::string text, sha256;
};
// The prepared refusal's text for `today` and its SHA-256 (conflict not_prepared).
refusal_to_sign refusal_for_signing(db& d, std::int64_t id, const exam::date& today);

struct sign_refusal_input {
    std::int64_t id = 0;
    signature_record signature;  // from signer::sign, over refusal_for_signing's sha256
};
// refusal_prepared -> refused (conflict not_prepared; conflict refusal_changed
// when the text is no longer the one signed). Keeps the text and its hash,
// audits application.refusal_signed "sha256 <hex> by <method>", queues the
// notice `refusal` due by check_due.
application_row sign_refusal(db& d, const centre_config& centre, const sign_refusal_input& in, std::int64_t now_ms);

struct return_refusal_input {
    std::int64_t id = 0;
    std::int64_t user = 0;  // the head
    std::string note;       // 1 to 1000 characters
};
// refusal_prepared -> registered (conflict not_prepared); the note kept in the
// refusal's history (`returned`). Audited application.refusal_returned.
application_row return_refusal(db& d, const return_refusal_input& in, std::int64_t now_ms);

}  // namespace tanu::server::applications
