#pragma once
// proctor_service's own parts, shared by its translation units
// (proctor_service.cpp, proctor_room_scan.cpp): not for other rooms.
#include <atomic>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <span>
#include <string>

#include "proctor/proctor.hpp"
#include "server/db/sqlite.hpp"
#include "server/proctoring/proctor_service.hpp"

namespace tanu::server {

// A message's bytes as the analysis reads them.
inline std::span<const std::uint8_t> bytes_of(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// Appends to the sitting's hash-chained event log; returns the event's id.
std::int64_t insert_proctor_event(db& d, std::int64_t sitting, std::int64_t t_ms, const std::string& kind,
                                  const std::string& detail, bool violation, int strike, const std::string& evidence,
                                  const std::string& sha, const std::string& args = "");

// The proctoring CPU a sitting may still spend: a token bucket of thread CPU
// ms, proctor.cpu_ms_per_minute, up to a minute's worth at once. Shared by the
// streams a sitting has over time (a reconnect does not refill it).
struct proctor_service::cpu_budget {
    std::mutex m;
    token_bucket bucket;
    bool episode = false;  // frames are being dropped: one frames_throttled event per episode
};

struct proctor_service::stream {
    stream(std::int64_t id, boost::asio::thread_pool::executor_type pool) : sitting(id), control(pool) {}
    std::int64_t sitting;
    // The candidate's control messages (room scan begin/end, focus) run here,
    // one after another in the order they came: two pool threads could
    // otherwise take an `end` and the `begin` after it the other way round.
    boost::asio::strand<boost::asio::thread_pool::executor_type> control;
    std::mutex m;  // held while analysing: one frame or chunk of a sitting at a time
    // The newest frame not yet analysed: a newer one replaces it (latest wins),
    // so a stream never has more than one frame waiting.
    std::mutex pending_m;
    std::string pending;
    std::int64_t pending_t = 0;
    bool scheduled = false;
    std::atomic<bool> audio_busy{false};
    std::shared_ptr<cpu_budget> budget;  // set at creation
    // Below: guarded by m.
    bool loaded = false;
    std::optional<proctor::frame_analyzer> analyzer;
    std::optional<proctor::violation_policy> policy;
    bool has_photo = false;
    // The sitting's programme, read with the reference: what its findings count as
    // (exam::classify_finding; seed 002 p.13, its `proctoring.strikes`).
    std::shared_ptr<const exam::programme> programme;
    std::int64_t last_recorded = 0;
    std::int64_t last_scan_recorded = 0;
    // The room scan (read from room_scans with the reference).
    std::int64_t scan_id = 0;      // the row of the scan owed or running; 0: none
    std::int64_t scan_began = -1;  // when it began (server ms); -1: owed, not begun
    bool scan_active = false;      // begun, or begun again, on this stream: frames are room-scan frames
    int scan_frames = 0;           // room-scan frames kept for the sitting (all scans, all connections)
    std::uint64_t throttled = 0;   // frames dropped over the CPU budget
    std::int64_t audio_window = 0;
    double audio_max = -120;
    std::string last_frame;
    int identity_yes = 0, identity_no = 0;
    bool identity_told = false;
    std::atomic<std::uint64_t> dropped{0};
    std::uint64_t corrupt = 0;
    // Staff asked for the latest frame (record_next_frame): the next readable
    // one is kept for the recording whatever recording_every_ms says.
    std::atomic<bool> record_next{false};
    // Compact audio (guarded by m): where the next levels begin, so that windows
    // sent late or bunched up still follow one another in time.
    std::int64_t levels_next_t = 0;
    // The link as the page and the server see it (issue 10), guarded by link_m.
    std::mutex link_m;
    sitting_media::stream_report report;  // the page's latest `stream`
    bool reported = false;
    int logged_level = 0;            // the level the last stream_* event said (0 before any)
    std::int64_t logged_at = -1;     // when it was logged; -1: never
    bool report_pending = false;     // a change not logged yet (within 30 s of the last event)
    std::deque<std::int64_t> frame_times;  // arrivals in the last minute (at most max_frame_times)
    std::int64_t last_frame_ms = -1, last_audio_ms = -1;  // X6: the media gaps (-1: none yet)
    std::uint64_t checks_passed = 0, checks_failed = 0;
};

}  // namespace tanu::server
