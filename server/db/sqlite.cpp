#include "server/db/sqlite.hpp"

namespace tanu::server {

static void check(sqlite3* h, int rc, const char* what) {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
    throw sqlite_error(rc, std::string(what) + ": " + (h ? sqlite3_errmsg(h) : sqlite3_errstr(rc)));
}

db::db(const std::filesystem::path& path, bool read_only) {
    int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    flags |= SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &handle_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = handle_ ? sqlite3_errmsg(handle_) : sqlite3_errstr(rc);
        sqlite3_close(handle_);
        handle_ = nullptr;
        throw sqlite_error(rc, "cannot open " + path.string() + ": " + msg);
    }
    sqlite3_extended_result_codes(handle_, 1);
    sqlite3_busy_timeout(handle_, 10000);
    if (!read_only) exec("PRAGMA journal_mode=WAL");
    // Durability: in WAL mode FULL syncs the log on every commit, so a commit that
    // returned has reached the disk.
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
}

db::~db() {
    cache_.clear();
    if (handle_) sqlite3_close_v2(handle_);
}

void db::exec(const char* sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(handle_, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw sqlite_error(rc, msg);
    }
}

stmt& db::cached(const char* sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) it = cache_.emplace(sql, std::make_unique<stmt>(*this, sql)).first;
    it->second->reset();
    return *it->second;
}

void db::reset_all() {
    for (auto& [sql, st] : cache_) st->reset();
}

int db::user_version() {
    stmt s(*this, "PRAGMA user_version");
    s.step();
    return s.i32(0);
}

stmt::stmt(db& d, const char* sql) : db_(d.handle()) {
    check(db_, sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &h_, nullptr), "prepare");
}

stmt::~stmt() { sqlite3_finalize(h_); }

stmt& stmt::bind(int i, std::int64_t v) {
    check(db_, sqlite3_bind_int64(h_, i, v), "bind");
    return *this;
}
stmt& stmt::bind(int i, std::string_view v) {
    check(db_, sqlite3_bind_text(h_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), "bind");
    return *this;
}
stmt& stmt::bind_blob(int i, std::string_view v) {
    check(db_, sqlite3_bind_blob(h_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), "bind");
    return *this;
}
stmt& stmt::bind_null(int i) {
    check(db_, sqlite3_bind_null(h_, i), "bind");
    return *this;
}

bool stmt::step() {
    int rc = sqlite3_step(h_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw sqlite_error(rc, std::string("step: ") + sqlite3_errmsg(db_));
}

void stmt::run() {
    while (step()) {
    }
}

void stmt::reset() {
    sqlite3_reset(h_);
    sqlite3_clear_bindings(h_);
}

std::string stmt::text(int col) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(h_, col));
    if (!p) return {};
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(h_, col)));
}

transaction::transaction(db& d) : db_(d) { db_.exec("BEGIN IMMEDIATE"); }

transaction::~transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
        }
    }
}

void transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace tanu::server
