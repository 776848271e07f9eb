#pragma once
#include "server/platform/config.hpp"

namespace tanu::server {

// The composition root: builds every part from the config, serves until a
// signal, then stops gracefully. Returns the process exit code.
int serve(const server_config& cfg);

// `tanu user add`: creates an account offline. Returns the exit code.
// `tanu audit verify`: re-computes the hash chains; 0 intact, 1 broken, 2 no database.
int audit_verify(const server_config& cfg);
int add_user(const server_config& cfg, const std::string& login, const std::string& role, const std::string& password);

}  // namespace tanu::server
