#pragma once
// The personal file's routes (docs/api.md, "The personal file"; W10, seed 002 p.14).
#include <memory>

namespace tanu::server {

class module;
struct platform;

// GET /api/candidates/{id}/file and GET /api/candidates/{id}/file.pdf?lang=kk|ru|en
// (admin, registrar, head): every viewing audited person.file_viewed.
std::unique_ptr<module> make_personal_file_module(platform& p);

}  // namespace tanu::server
