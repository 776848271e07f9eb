#include "server/db/migrator.hpp"

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
    int applied = 0;
    for (const auto& m : all) {
        if (m.version <= current) continue;
        transaction tx(d);
        d.exec(m.sql);
        d.exec(("PRAGMA user_version = " + std::to_string(m.version)).c_str());
        tx.commit();
        current = m.version;
        ++applied;
    }
    return applied;
}

}  // namespace tanu::server
