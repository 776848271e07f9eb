#pragma once
// The routes of a sitting's timetable and of what closes it unsat (W2, W3;
// docs/api.md "Scheduling and reschedules"): the earliest lawful day, cancel,
// the p.7 sick leave and its sheet, the p.11 technical-failure act, and the
// reschedule. Use cases: reschedule.hpp; the JSON: schedule_view.hpp.
#include <memory>

namespace tanu::server {

class module;
class exam_service;
class sitting_hub;
struct platform;

std::unique_ptr<module> make_schedule_module(platform& p, exam_service& exams, sitting_hub& hub);

}  // namespace tanu::server
