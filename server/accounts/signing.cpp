#include "server/accounts/signing.hpp"

#include <deque>
#include <map>
#include <mutex>

#include "server/accounts/auth.hpp"
#include "server/accounts/store.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server {

namespace {

constexpr int max_failures = 5;
constexpr std::int64_t window_ms = 15 * 60 * 1000;

class password_signer final : public signer {
public:
    signature_record sign(db& reader, std::int64_t user, const std::string& sha256, const nlohmann::json& credential,
                          std::int64_t now_ms) override {
        if (!credential.is_object() || !credential.contains("password") || !credential.at("password").is_string())
            throw bad_request("signing needs the signer's password: {\"password\": \"...\"}");
        const auto password = credential.at("password").get<std::string>();
        if (password.empty() || password.size() > 1024) throw wrong();
        {
            std::lock_guard lock(m_);
            auto& f = failures_[user];
            while (!f.empty() && f.front() + window_ms <= now_ms) f.pop_front();
            if (static_cast<int>(f.size()) >= max_failures) {
                const auto secs = std::max<std::int64_t>(1, (f.front() + window_ms - now_ms + 999) / 1000);
                domain_error e(error_kind::too_many, "signing_throttled",
                               "too many wrong passwords; signing is held for " + std::to_string(secs) + " s");
                e.retry_after_s = secs;
                throw e;
            }
        }
        auto u = store::find_user_by_id(reader, user);
        if (!u || u->disabled || !verify_password(u->password_hash, password)) {
            std::lock_guard lock(m_);
            failures_[user].push_back(now_ms);
            throw wrong();
        }
        {
            std::lock_guard lock(m_);
            failures_.erase(user);
        }
        return {"password", user, sha256, now_ms};
    }

private:
    static domain_error wrong() {
        return domain_error(error_kind::forbidden, "wrong_password", "the password is not this account's: nothing was signed");
    }
    std::mutex m_;
    std::map<std::int64_t, std::deque<std::int64_t>> failures_;
};

}  // namespace

std::unique_ptr<signer> make_password_signer() { return std::make_unique<password_signer>(); }

}  // namespace tanu::server
