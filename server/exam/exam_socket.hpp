#pragma once
// The exam WebSocket of one candidate (docs/api.md, "The exam WebSocket") as a
// ws_handler: net/'s session carries the bytes, this speaks the protocol.
// Answers are checked against the paper it holds (question count, options,
// deadline) and saved through the writer; `saved` goes out only after commit.
// A sitting has at most ws.max_sockets_per_sitting of these (a new one
// displaces the oldest), and its focus and room_scan messages are limited to
// ws.max_events_per_minute (sitting_hub). Media goes to the sitting_media.
// Answers first (issue 10): a `start` with "media_ack": true (a proctored
// page) gets the paper's `media` (proctor.media) and a media_ack after every
// binary message; compact audio (0x03 levels, 0x04 check samples the socket
// asks for with `audio_sample` at random moments) and the page's `stream`
// message are validated here and handed on.
#include <cstdint>
#include <memory>

#include "server/exam/exam_service.hpp"
#include "server/exam/sitting_hub.hpp"
#include "server/exam/sitting_media.hpp"
#include "server/http/ws.hpp"
#include "server/platform/config.hpp"
#include "server/platform/logger.hpp"

namespace tanu::server {

struct exam_socket_parts {
    exam_service& exams;
    sitting_media& media;
    sitting_hub& hub;
    const ws_config& limits;
    logger& log;
};

std::shared_ptr<ws_handler> make_exam_socket(const exam_socket_parts& parts, std::int64_t sitting);

}  // namespace tanu::server
