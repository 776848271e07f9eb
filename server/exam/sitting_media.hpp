#pragma once
// Where the exam socket hands what the candidate's camera, microphone and page
// say (frames, audio, focus, room scans): the proctoring implements it
// (proctor_service), so the theory engine does not know it. Each is safe to
// call from any thread and returns at once.
#include <cstdint>
#include <memory>
#include <string>

#include "server/exam/sitting_hub.hpp"

namespace tanu::server {

class sitting_media {
public:
    virtual ~sitting_media() = default;
    // False when the frame or the chunk was dropped (under load).
    virtual bool submit_frame(std::int64_t sitting, std::string jpeg, std::int64_t t_ms) = 0;
    virtual bool submit_audio(std::int64_t sitting, std::string pcm, std::uint32_t rate, std::int64_t t_ms) = 0;
    virtual void focus(std::int64_t sitting, bool lost, std::int64_t t_ms) = 0;
    // The candidate's room_scan begin/end; a refusal is sent on `from`.
    virtual void room_scan(std::int64_t sitting, bool begin, std::int64_t t_ms, std::shared_ptr<exam_peer> from) = 0;
    // The server asks for a room scan (recorded, then sent to the sitting's connections).
    virtual void request_room_scan(std::int64_t sitting, const std::string& reason) = 0;
    // A scan asked for and not begun is asked for again on `to`.
    virtual void remind_room_scan(std::int64_t sitting, std::shared_ptr<exam_peer> to) = 0;
    virtual void log_event(std::int64_t sitting, std::int64_t t_ms, const std::string& kind, const std::string& detail) = 0;
    // The sitting's last connection closed.
    virtual void close(std::int64_t sitting) = 0;
};

}  // namespace tanu::server
