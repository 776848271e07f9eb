#pragma once
// Seam: the procedure that owns a sitting (issue 9). The theory engine runs
// the paper (exam_service, schedule_sitting, the proctoring); what an ended
// sitting means (its deadlines, its violation acts, its outcome, who else may
// read it) belongs to the procedure the programme's kind names: recognition
// (seed 002) today, the expert register (seed 003) next. The engine asks its
// owner and never reads another domain's tables.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exam/theory/disclosure.hpp"
#include "exam/theory/programme.hpp"
#include "server/accounts/principal.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/store.hpp"

namespace tanu::server {

// What the procedure decided of an ended sitting, for the retake rule
// (exam::check_new_sitting).
struct owned_outcome {
    bool decided = false;  // the procedure's decision is taken
    bool passed = false;   // and it is a pass
};

class sitting_owner {
public:
    virtual ~sitting_owner() = default;
    // Inside the writer transaction that ended the theory stage of `s` (once).
    virtual void theory_ended(db& d, const sitting_row& s, std::int64_t now_ms) const = 0;
    // Inside the writer transaction that logged violation event `event`.
    virtual void violation_logged(db& d, std::int64_t sitting, std::int64_t event, std::int64_t now_ms) const = 0;
    virtual owned_outcome outcome(db& d, const sitting_row& s) const = 0;
    // Someone the engine's own policy does not let read `s` (not its candidate,
    // not the centre's staff): as whom the procedure lets them, if at all.
    virtual std::optional<exam::reader> reader(db& d, const principal& who, const sitting_row& s) const = 0;
    // Whether commission `id` may conduct a stage of a sitting of `p` (a slot's commission, p.6, p.9):
    // throws domain_error when not. An owner without commissions refuses every one.
    virtual void check_commission(db& d, std::int64_t id, const exam::programme& p) const;
    // Before the paper of `s` is first issued (on a reader): why the procedure does not
    // let it start yet, as an error frame's code and message (W6, seed 002 p.8, p.12:
    // what the candidate must acknowledge first), or nullopt. By default nothing.
    struct start_block {
        std::string code, message;
    };
    virtual std::optional<start_block> before_start(db& d, const sitting_row& s) const;
};

// The owners by programme kind; filled while the modules are built, read-only
// once the server serves.
class sitting_owners {
public:
    void add(const std::string& kind, std::shared_ptr<const sitting_owner> owner);  // once per kind
    bool has(const std::string& kind) const;
    std::vector<std::string> kinds() const;
    // The owner of a kind: std::logic_error (a 500, logged) when none is registered (a programme
    // with an unknown kind is refused when it is created).
    const sitting_owner& of(const std::string& kind) const;
    // The owner of a sitting, by its programme's kind.
    const sitting_owner& of(db& d, const sitting_row& s) const;

private:
    std::map<std::string, std::shared_ptr<const sitting_owner>> owners_;
};

}  // namespace tanu::server
