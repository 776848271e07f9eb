#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tanu::server {

struct sqlite_error : std::runtime_error {
    sqlite_error(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    int code_;
};

class stmt;

// One SQLite connection. Not thread-safe: each thread uses its own.
class db {
public:
    db(const std::filesystem::path& path, bool read_only = false);
    ~db();
    db(const db&) = delete;
    db& operator=(const db&) = delete;

    void exec(const char* sql);
    // A prepared statement kept for the life of the connection, reset before use.
    stmt& cached(const char* sql);
    // Resets every cached statement, ending any read they hold open (a stepped
    // statement keeps its snapshot until reset).
    void reset_all();
    std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(handle_); }
    int changes() const { return sqlite3_changes(handle_); }
    sqlite3* handle() const { return handle_; }
    int user_version();

private:
    sqlite3* handle_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<stmt>> cache_;
};

class stmt {
public:
    stmt(db& d, const char* sql);
    ~stmt();
    stmt(const stmt&) = delete;
    stmt& operator=(const stmt&) = delete;

    stmt& bind(int i, std::int64_t v);
    stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    stmt& bind(int i, std::string_view v);
    stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    stmt& bind_blob(int i, std::string_view v);
    stmt& bind_null(int i);
    template <class T>
    stmt& bind(int i, const std::optional<T>& v) {
        return v ? bind(i, *v) : bind_null(i);
    }

    // Steps once; true when a row is ready.
    bool step();
    // Steps to completion (for statements without rows).
    void run();
    void reset();

    std::int64_t i64(int col) const { return sqlite3_column_int64(h_, col); }
    int i32(int col) const { return sqlite3_column_int(h_, col); }
    double f64(int col) const { return sqlite3_column_double(h_, col); }
    bool null(int col) const { return sqlite3_column_type(h_, col) == SQLITE_NULL; }
    std::string text(int col) const;
    std::optional<std::int64_t> opt_i64(int col) const { return null(col) ? std::nullopt : std::optional(i64(col)); }

private:
    sqlite3_stmt* h_ = nullptr;
    sqlite3* db_ = nullptr;
};

// RAII transaction: BEGIN IMMEDIATE, rolled back unless commit() was called.
class transaction {
public:
    explicit transaction(db& d);
    ~transaction();
    void commit();

private:
    db& db_;
    bool done_ = false;
};

}  // namespace tanu::server
