#pragma once
// The offline procedure's routes (W7; docs/api.md "The offline procedure"): the
// day's offline sittings, a sitting's offline record, the attendance, an oral
// warning (the second is the removal: the attempt ends terminated and every
// open page is told, as the proctoring's second strike does), and the members'
// signatures of the acts. Annulment is the acts' own route (POST
// /api/acts/{id}/review). Use cases: offline.hpp; the rule: exam/recognition/offline.hpp.
#include <memory>

namespace tanu::server {

class module;
class exam_service;
class sitting_hub;
struct platform;

std::unique_ptr<module> make_offline_module(platform& p, exam_service& exams, sitting_hub& hub);

}  // namespace tanu::server
