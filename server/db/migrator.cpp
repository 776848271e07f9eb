#include "server/db/migrator.hpp"

#include <stdexcept>
#include <string>

namespace tanu::server {

int migrate(db& d, const std::vector<migration>& all) {
    int newest = 0;
    for (const auto& m : all) newest = std::max(newest, m.version);
    int current = d.user_version();
    if (current > newest)
        throw database_too_new("the database is at schema version " + std::to_string(current) +
                               ", newer than this tanu knows (" + std::to_string(newest) +
                               "): run a newer tanu");
    if (current == newest) return 0;
    // A migration may rebuild a table (SQLite's "other kinds of table schema
    // changes": make the new table, copy, drop the old, rename). Foreign keys
    // are off while migrations run (the pragma does nothing inside a
    // transaction) and checked before each one commits.
    d.exec("PRAGMA foreign_keys=OFF");
    struct keys_back_on {
        db& d;
        ~keys_back_on() {
            try {
                d.exec("PRAGMA foreign_keys=ON");
            } catch (...) {
            }
        }
    } restore{d};
    int applied = 0;
    for (const auto& m : all) {
        if (m.version <= current) continue;
        transaction tx(d);
        d.exec(m.sql);
        stmt check(d, "PRAGMA foreign_key_check");
        if (check.step())
            throw std::runtime_error("migration " + std::to_string(m.version) + " leaves a row of " + check.text(0) +
                                     " referring to a missing row of " + check.text(2));
        check.reset();
        d.exec(("PRAGMA user_version = " + std::to_string(m.version)).c_str());
        tx.commit();
        current = m.version;
        ++applied;
    }
    return applied;
}

}  // namespace tanu::server
