#pragma once
// The recognition procedure after the theory stage (seed 002 p.14-23) as a
// module: violation acts, the practical stage, the protocol, documents,
// appeals and the commission's queues. Use cases: acts.hpp, practical.hpp,
// protocol.hpp, documents.hpp, appeals.hpp; their routes: routes.cpp; its
// side of the engine's seam: owner.hpp.
#include <memory>

namespace tanu::server {

class module;
struct platform;
class sitting_owners;
class signer;

// Registers recognition as the owner of programmes of kind "recognition"
// (server/recognition/owner.hpp). `sign`: how the head of the centre signs documents.
std::unique_ptr<module> make_recognition_module(platform& p, sitting_owners& owners, signer& sign);

}  // namespace tanu::server
