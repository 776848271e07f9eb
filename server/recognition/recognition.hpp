#pragma once
// The recognition procedure after the theory stage (seed 002 p.14-23) as a
// module: violation acts, the practical stage, the protocol, documents,
// appeals and the commission's queues. Use cases: acts.hpp, practical.hpp,
// protocol.hpp, documents.hpp, appeals.hpp; their routes: routes.cpp.
#include <memory>

namespace tanu::server {

class module;
struct platform;

std::unique_ptr<module> make_recognition_module(platform& p);

}  // namespace tanu::server
