#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "exam/recognition/procedure.hpp"
#include "exam/theory/programme.hpp"
#include "exam/theory/question.hpp"

namespace tanu::server {

using nlohmann::json;

inline constexpr int max_json_depth = 32;

// Parses untrusted JSON; throws domain_error 400 bad_json when malformed or nested
// deeper than max_depth.
json parse_json(std::string_view text, int max_depth = max_json_depth);
// Same, but returns a discarded value instead of throwing.
json try_parse_json(std::string_view text, int max_depth = max_json_depth);

// Programme <-> JSON (contract format). Type errors throw domain_error 400
// bad_request naming the field; value checks are exam::validate's (422).
exam::programme programme_from_json(const json& j);
json to_json(const exam::programme& p);
// A programme's `topics`: {"first_aid": {"kk": "Алғашқы көмек", "ru": "Первая помощь"}};
// type errors throw bad_request (the limits are exam::validate's).
std::map<std::string, std::map<std::string, std::string>> topic_titles_from_json(const json& j);

json to_json(const exam::question& q);

// Topics of a paper: [{"topic" (the slug), "title": {"kk", "ru", "en"}, "number",
// "correct", "total"}] in the given order; title is {} when not filled.
json to_json(const std::vector<exam::topic_score>& topics);

// An event's stored args (audit::event_fields::args) for a response: the JSON
// object, or null for none (events before migration 11) or an unreadable one.
json event_args_json(const std::string& args);

// Field readers that throw bad_request naming the field.
const json& field(const json& obj, const char* name);
std::string get_string(const json& obj, const char* name);
std::string get_string_or(const json& obj, const char* name, const std::string& fallback);
std::int64_t get_int(const json& obj, const char* name);

}  // namespace tanu::server
