#pragma once
// The domains the server is made of, built once by serve() (app.cpp).
#include <memory>
#include <vector>

#include "server/accounts/routes.hpp"
#include "server/accounts/signing.hpp"
#include "server/exam/exam_service.hpp"
#include "server/exam/routes.hpp"
#include "server/platform/module.hpp"
#include "server/proctoring/proctor_service.hpp"

namespace tanu::server {

// The theory engine's live parts, which the WebSocket sessions use too, and
// the procedures that own its sittings (each registers itself while built).
struct engine {
    exam_service& exams;
    proctor_service& proctor;
    sitting_hub& hub;
    sitting_owners& owners;
};

struct module_list {
    accounts_routes* accounts = nullptr;  // who a bearer token is, WebSocket tickets
    std::unique_ptr<signer> signing;      // how the head of the centre signs (the password for now)
    std::vector<std::unique_ptr<module>> all;  // in start order; stopped in reverse
};

// Throws when a domain cannot be built (its configuration is wrong).
module_list make_modules(platform& p, engine& e);

}  // namespace tanu::server
