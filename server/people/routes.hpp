#pragma once
// The people's routes (docs/api.md, "Candidates"): the staff's candidate search
// and the ID photo on file. Creating a candidate and opening one are the exam's
// routes (server/exam/routes.cpp); storing the photo is the proctoring's.
#include <memory>

namespace tanu::server {

class module;
struct platform;

// GET /api/candidates?q=TEXT (admin, registrar), GET /api/candidates/{id}/photo (staff).
std::unique_ptr<module> make_people_module(platform& p);

}  // namespace tanu::server
