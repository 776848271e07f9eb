#pragma once
// The storage of online proctoring: ID photos, room scans, the recording, audio
// levels and the proctoring events as read back. The event log itself is the
// audit chain's (server/audit/audit.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/db/sqlite.hpp"

namespace tanu::server::store {

// ---- ID photos
// The identity reference (a blob) of the candidate of `sitting`, when a photo is on file.
std::optional<std::string> photo_reference_of_sitting(db& d, std::int64_t sitting);
// The file of the candidate's photo, when there is one.
std::optional<std::string> photo_path(db& d, std::int64_t candidate);
// The candidate's photo, replacing any earlier one.
void put_photo(db& d, std::int64_t candidate, const std::string& path, const std::string& sha256,
               const std::string& reference_blob, std::int64_t now_ms);

// ---- room scans (one owed or running per sitting at a time)
struct open_room_scan {
    std::int64_t id = 0;
    std::int64_t began_ms = -1;  // -1: asked for, not begun
};
std::optional<open_room_scan> open_scan(db& d, std::int64_t sitting);
std::int64_t insert_room_scan(db& d, std::int64_t sitting, const std::string& reason, std::int64_t now_ms);
void begin_room_scan(db& d, std::int64_t id, std::int64_t t_ms);
void end_room_scan(db& d, std::int64_t id, std::int64_t t_ms, const std::string& by);
// The reason of the scan asked for and not yet begun.
std::optional<std::string> owed_scan_reason(db& d, std::int64_t sitting);

// ---- the recording
void insert_recording(db& d, std::int64_t sitting, std::int64_t t_ms, const std::string& part,
                      const std::string& path, const std::string& sha256);
int room_scan_frames(db& d, std::int64_t sitting);
void put_audio_level(db& d, std::int64_t sitting, std::int64_t t_ms, double dbfs);

struct recording_row {
    std::int64_t id = 0, t_ms = 0;
    std::string part, sha256;
};
std::vector<recording_row> recording_of(db& d, std::int64_t sitting);
struct audio_row {
    std::int64_t t_ms = 0;
    double dbfs = 0;
};
std::vector<audio_row> audio_of(db& d, std::int64_t sitting);

// ---- proctoring events as read back, in time order
struct event_row {
    std::int64_t id = 0, t_ms = 0;
    std::string kind, detail;
    bool violation = false;
    int strike = 0;
    bool has_evidence = false;
    std::string sha256;  // of the evidence image
    std::string args;    // the figures behind the detail, a JSON object's text; '' for none (migration 11)
};
std::vector<event_row> events_of(db& d, std::int64_t sitting);

// ---- the sittings in progress, as the proctors' live list shows them
struct live_row {
    std::int64_t sitting = 0, candidate = 0;
    std::string full_name, programme, lang;
    std::int64_t started_ms = 0, deadline_ms = 0;
    int strikes = 0;              // violations registered (seed 002 p.13)
    std::string identity;         // the last identity_* event's kind, '' before any
    std::optional<event_row> last;  // the sitting's newest event
    std::string room_scan;        // "owed", "running" or ''
};
// The most strikes first, then the earliest started; at most `limit`.
std::vector<live_row> live_sittings(db& d, int limit);

// A stored image (an event's evidence or a recorded frame): its file, hash and sitting.
struct stored_image {
    std::string path, sha256;
    std::int64_t sitting = 0;
};
std::optional<stored_image> evidence_image(db& d, std::int64_t event);
std::optional<stored_image> recording_image(db& d, std::int64_t frame);

}  // namespace tanu::server::store
