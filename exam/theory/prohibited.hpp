#pragma once
// What a candidate may not use during the exam (seed 002 p.12), and which
// proctoring signals count as the violations p.13 counts (a warning, then the end).
#include <array>
#include <string_view>

namespace tanu::exam {

// Seed 002 p.12, first part: the items whose use is not allowed during the
// theoretical and practical stages, one code each in the law's order. The
// second part: an item may be used where the qualification programme
// provides for it (programme::allowed_items, a subset of these).
inline constexpr std::array<std::string_view, 17> prohibited_items{
    "pagers",        "phones",         "tablets",          "ipad_ipod",   "smartphones", "laptops",
    "players",       "modems_routers", "radio_devices",    "smart_watches", "smart_glasses",
    "fitness_trackers", "dictaphones", "calculators",      "headphones",  "cheat_sheets",
    "study_literature"};

bool is_prohibited_item(std::string_view code);

// The proctoring's signals a programme may count as violations (p.13):
// multiple_faces, identity_mismatch, noise, no_face, movement, focus_lost,
// looking_away. Every signal is logged; only the counted ones are violations.
inline constexpr std::array<std::string_view, 7> strike_signals{
    "multiple_faces", "identity_mismatch", "noise", "no_face", "movement", "focus_lost", "looking_away"};

bool is_strike_signal(std::string_view code);

// Counted when a programme names no list: only what shows another person at
// the exam or someone else sitting it (conservative: the analysis may err on
// noise, a face out of frame or a turned head; those stay for the commission's
// review in the record).
inline constexpr std::array<std::string_view, 2> default_strikes{"multiple_faces", "identity_mismatch"};

}  // namespace tanu::exam
