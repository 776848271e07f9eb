#pragma once
// Where the exam socket hands what the candidate's camera, microphone and page
// say (frames, audio, focus, room scans): the proctoring implements it
// (proctor_service), so the theory engine does not know it. Each is safe to
// call from any thread and returns at once.
#include <cstdint>
#include <memory>
#include <string>

#include "server/exam/sitting_hub.hpp"
#include "server/platform/json_map.hpp"

namespace tanu::server {

class sitting_media {
public:
    virtual ~sitting_media() = default;
    // False when the frame or the chunk was dropped (under load).
    virtual bool submit_frame(std::int64_t sitting, std::string jpeg, std::int64_t t_ms) = 0;
    virtual bool submit_audio(std::int64_t sitting, std::string pcm, std::uint32_t rate, std::int64_t t_ms) = 0;
    // Compact audio (0x03): one RMS level byte per window (-b/2 dBFS), the
    // first window beginning at t_ms.
    virtual bool submit_levels(std::int64_t sitting, std::uint32_t window_ms, std::string levels, std::int64_t t_ms) = 0;
    // A check sample (0x04): the levels the page claims and the µ-law audio
    // they were measured on (levels.size() windows of window_ms at `rate`).
    virtual bool submit_sample(std::int64_t sitting, std::uint32_t window_ms, std::string levels, std::uint32_t rate,
                               std::string ulaw, std::int64_t t_ms) = 0;
    // The page's `stream` message: the level it sends at (validated by the socket).
    struct stream_report {
        int level = 0, width = 0, height = 0, every_ms = 0, link_kbps = 0;
    };
    virtual void stream_changed(std::int64_t sitting, const stream_report& r, std::int64_t t_ms) = 0;
    // What the page should send (the paper's `media`, proctor.media of the config).
    virtual json media_config() const = 0;
    virtual void focus(std::int64_t sitting, bool lost, std::int64_t t_ms) = 0;
    // The candidate's room_scan begin/end; a refusal is sent on `from`.
    virtual void room_scan(std::int64_t sitting, bool begin, std::int64_t t_ms, std::shared_ptr<exam_peer> from) = 0;
    // The server asks for a room scan (recorded, then sent to the sitting's connections).
    virtual void request_room_scan(std::int64_t sitting, const std::string& reason) = 0;
    // A scan asked for and not begun is asked for again on `to`.
    virtual void remind_room_scan(std::int64_t sitting, std::shared_ptr<exam_peer> to) = 0;
    // `args`: the detail's figures as a JSON object's text ("" for none), for
    // the pages to say it in the reader's language (web/lib/events.js).
    virtual void log_event(std::int64_t sitting, std::int64_t t_ms, const std::string& kind, const std::string& detail,
                           const std::string& args = "") = 0;
    // The sitting's last connection closed.
    virtual void close(std::int64_t sitting) = 0;
};

}  // namespace tanu::server
