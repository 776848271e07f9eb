#pragma once
// Applications for recognition (seed 002 p.4-6, W1) as a module:
// self-registration, the application and its attachments, the registrar's
// list and check, the contract, the refusal the head signs. Use cases:
// file.hpp, contract.hpp, refusal.hpp, register.hpp; routes: routes.cpp.
#include <memory>

namespace tanu::server {

class module;
class signer;
class sitting_owners;
struct platform;

std::unique_ptr<module> make_applications_module(platform& p, signer& sign, const sitting_owners& owners);

}  // namespace tanu::server
