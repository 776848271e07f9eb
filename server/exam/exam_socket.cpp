#include "server/exam/exam_socket.hpp"

#include <boost/asio/steady_timer.hpp>
#include <mutex>
#include <optional>
#include <random>
#include <set>

#include "exam/common/clock.hpp"
#include "exam/theory/paper.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/json_map.hpp"

namespace tanu::server {

namespace net = boost::asio;

namespace {

class exam_socket final : public ws_handler, public exam_peer, public std::enable_shared_from_this<exam_socket> {
public:
    exam_socket(const exam_socket_parts& parts, std::int64_t sitting) : p_(parts), sitting_(sitting) {}

    std::string name() const override { return "session " + std::to_string(sitting_); }

    void opened(std::shared_ptr<ws_channel> channel) override {
        {
            std::lock_guard lock(ch_m_);
            ch_ = std::move(channel);
        }
        timer_.emplace(ch_->executor());
        sample_timer_.emplace(ch_->executor());
        for (auto& old : p_.hub.add(sitting_, shared_from_this(), p_.limits.max_sockets_per_sitting)) {
            p_.log.info("ws", name() + ": more than " + std::to_string(p_.limits.max_sockets_per_sitting) +
                                  " connections, the oldest closed");
            old->displaced();
        }
    }

    void closed() override {
        closed_ = true;
        if (timer_) timer_->cancel();
        if (sample_timer_) sample_timer_->cancel();
        p_.hub.remove(sitting_, this);
        if (p_.hub.of(sitting_).empty()) {
            if (auto refused = p_.hub.end_burst(sitting_)) log_burst(refused);
            p_.media.close(sitting_);
            if (live_ && !ended_) p_.exams.away(sitting_);  // X6: the candidate is away; his time waits for him
        }
        std::lock_guard lock(ch_m_);
        ch_.reset();  // the channel holds this handler: the cycle ends with the connection
    }

    // exam_peer, from any thread.
    void ended(std::string msg) override {
        on_strand([self = shared_from_this(), msg = std::move(msg)]() mutable {
            if (self->ended_) return;
            self->ended_ = true;
            self->live_.reset();
            self->send(std::move(msg));
            if (self->timer_) self->timer_->cancel();
        });
    }
    void send_message(std::string msg) override {
        on_strand([self = shared_from_this(), msg = std::move(msg)]() mutable { self->send(std::move(msg)); });
    }
    void going_away() override {
        on_strand([self = shared_from_this()] {
            if (self->ch_) self->ch_->close(ws_close::going_away, "");
        });
    }
    void displaced() override {
        on_strand([self = shared_from_this()] {
            if (self->ch_) self->ch_->close(ws_close::policy, "a newer connection of this sitting took its place");
        });
    }

    void text(std::string_view bytes) override {
        json j = try_parse_json(bytes, 8);
        if (j.is_discarded()) return send_error("bad_json", "the message is not valid JSON");
        if (!j.is_object() || !j.contains("type") || !j["type"].is_string())
            return send_error("bad_request", "a message is a JSON object with a string 'type'");
        const auto& type = j["type"].get_ref<const std::string&>();
        if (type == "start") return on_start(j);
        if (type == "answer") return on_answer(j);
        if (type == "finish") return on_finish();
        if (type == "focus") return on_focus(j);
        if (type == "room_scan") return on_room_scan(j);
        if (type == "stream") return on_stream(j);
        if (type == "ping") return send(json{{"type", "pong"}}.dump());
        send_error("unknown_type", "unknown message type '" + type.substr(0, 32) + "'");
    }

    // Answers first (issue 10): a page that asked for media_ack at start gets
    // one after each binary message, accepted or refused, and sends its next
    // media message only then, so an answer never waits behind more than one.
    void binary(std::string_view bytes) override {
        ++binary_count_;
        take_media(bytes);
        if (media_ack_)
            send(json{{"type", "media_ack"}, {"n", binary_count_}, {"bytes", bytes.size()}}.dump());
    }

private:
    void take_media(std::string_view bytes) {
        const auto kind = bytes.empty() ? 0 : static_cast<unsigned char>(bytes[0]);
        if (kind < 0x01 || kind > 0x04)
            return send_error("bad_binary", "binary messages start with 0x01 (JPEG frame), 0x02 (audio), "
                                            "0x03 (audio levels) or 0x04 (audio sample)");
        auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
        if (kind == 0x03) {
            // 0x03, uint16 LE window_ms, then 1..64 level bytes.
            if (bytes.size() < 4 || bytes.size() > 3 + max_levels)
                return send_error("bad_binary", "audio levels are 0x03, a uint16 window in ms, then 1 to 64 level bytes");
            const std::uint32_t window = b(1) | (b(2) << 8);
            if (window < min_window_ms || window > max_window_ms)
                return send_error("bad_binary", "the audio level window must be 50..1000 ms");
            if (!live_ || ended_) return;
            p_.media.submit_levels(sitting_, window, std::string(bytes.substr(3)), p_.exams.now_ms());
            if (!levels_seen_) {
                levels_seen_ = true;
                schedule_sample(true);
            }
            return;
        }
        if (kind == 0x04) {
            // 0x04, uint16 LE window_ms, uint8 n, n level bytes, uint32 LE rate, then
            // the µ-law bytes of the same n windows.
            if (bytes.size() < 4) return send_error("bad_binary", "an audio sample is 0x04, window, n, levels, rate, µ-law");
            const std::uint32_t window = b(1) | (b(2) << 8);
            const std::size_t n = b(3);
            if (window < min_window_ms || window > max_window_ms || n < 1 || n > max_levels || bytes.size() < 8 + n)
                return send_error("bad_binary", "an audio sample has a 50..1000 ms window and 1 to 64 levels");
            const std::uint32_t rate = b(4 + n) | (b(5 + n) << 8) | (b(6 + n) << 16) | (b(7 + n) << 24);
            if (rate < 4000 || rate > 48000 || (static_cast<std::uint64_t>(rate) * window) % 1000 != 0)
                return send_error("bad_binary", "an audio sample's rate must be 4000..48000 Hz, whole samples a window");
            const std::size_t want = n * (static_cast<std::size_t>(rate) * window / 1000);
            if (bytes.size() != 8 + n + want)
                return send_error("bad_binary", "an audio sample carries n windows of µ-law audio: " +
                                                    std::to_string(want) + " bytes");
            if (!live_ || ended_) return;
            p_.media.submit_sample(sitting_, window, std::string(bytes.substr(4, n)), rate,
                                   std::string(bytes.substr(8 + n)), p_.exams.now_ms());
            return;
        }
        if (!live_ || ended_) return;  // media outside an attempt in progress is not analysed
        auto now = p_.exams.now_ms();
        if (kind == 0x01) {
            if (bytes.size() < 2) return send_error("bad_binary", "an empty camera frame");
            p_.media.submit_frame(sitting_, std::string(bytes.substr(1)), now);
            return;
        }
        if (bytes.size() < 7 || (bytes.size() - 5) % 2 != 0)
            return send_error("bad_binary", "audio is 0x02, a uint32 sample rate, then 16-bit samples");
        std::uint32_t rate = b(1) | (b(2) << 8) | (b(3) << 16) | (b(4) << 24);
        if (rate < 4000 || rate > 192000) return send_error("bad_binary", "audio sample rate must be 4000..192000");
        p_.media.submit_audio(sitting_, std::string(bytes.substr(5)), rate, now);
    }

    // The server checks the levels it is told: at random moments (mean
    // check_every_ms, the first within 20 s of the first levels) it asks for
    // the next chunk of audio as a µ-law sample (0x04).
    void schedule_sample(bool first) {
        if (!sample_timer_ || closed_) return;
        const double mean = std::max(100, check_every_ms_);
        double wait = first ? std::uniform_real_distribution<double>(0, std::min(20000.0, mean))(rng_)
                            : std::exponential_distribution<double>(1.0 / mean)(rng_);
        wait = std::clamp(wait, 100.0, 10 * mean);  // an exponential's tail, bounded
        sample_timer_->expires_after(std::chrono::milliseconds(static_cast<std::int64_t>(wait)));
        sample_timer_->async_wait([self = shared_from_this()](boost::system::error_code ec) {
            if (ec || self->closed_) return;
            if (self->live_ && !self->ended_)
                self->send(json{{"type", "audio_sample"}, {"ms", self->check_ms_}}.dump());
            self->schedule_sample(false);
        });
    }

    // {"type":"stream", level, width, height, every_ms, audio, link_kbps}: the
    // quality the page's pacer chose; recorded by the proctoring (rate-limited there).
    void on_stream(const json& j) {
        auto get = [&](const char* key, int lo, int hi, int& out) {
            if (!j.contains(key) || !j[key].is_number_integer()) return false;
            const auto v = j[key].get<std::int64_t>();
            if (v < lo || v > hi) return false;
            out = static_cast<int>(v);
            return true;
        };
        sitting_media::stream_report r;
        if (!get("level", 0, 15, r.level) || !get("width", 16, 4096, r.width) || !get("height", 16, 4096, r.height) ||
            !get("every_ms", 100, 600000, r.every_ms) || !get("link_kbps", 0, 10000000, r.link_kbps))
            return send_error("bad_message", "stream is {level 0..15, width and height 16..4096, every_ms "
                                             "100..600000, link_kbps 0..10000000} as integers");
        if (j.contains("audio") && (!j["audio"].is_string() || (j["audio"] != "levels" && j["audio"] != "pcm")))
            return send_error("bad_message", "stream audio is 'levels' or 'pcm'");
        if (!live_ || ended_) return;
        p_.media.stream_changed(sitting_, r, p_.exams.now_ms());
    }

    template <class F>
    void on_strand(F f) {
        // Posted through the channel while it is open; a closed connection drops it.
        if (auto ch = channel()) ch->post(std::move(f));
    }
    std::shared_ptr<ws_channel> channel() {
        std::lock_guard lock(ch_m_);
        return ch_;
    }

    // focus and room_scan are recorded: a sitting may send ws.max_events_per_minute
    // of them (all its connections together). Past that, one `rate_limited`
    // error per burst, nothing stored, one summary event when the burst ends.
    bool event_allowed() {
        auto v = p_.hub.take_event(sitting_, p_.limits.max_events_per_minute);
        if (v.burst_refused > 0) log_burst(v.burst_refused);
        if (v.allowed) return true;
        if (v.tell)
            send_error("rate_limited", "more than " + std::to_string(p_.limits.max_events_per_minute) +
                                           " focus and room_scan messages a minute: these are not recorded for a while");
        return false;
    }

    void log_burst(std::uint64_t refused) {
        p_.media.log_event(sitting_, p_.exams.now_ms(), "events_rate_limited",
                           std::to_string(refused) + " focus/room_scan message(s) over " +
                               std::to_string(p_.limits.max_events_per_minute) + " a minute refused and not recorded",
                           json{{"refused", refused}, {"per_minute", p_.limits.max_events_per_minute}}.dump());
    }

    void on_focus(const json& j) {
        if (!event_allowed()) return;
        if (!j.contains("state") || !j["state"].is_string() || (j["state"] != "lost" && j["state"] != "back"))
            return send_error("bad_request", "focus state is 'lost' or 'back'");
        if (!live_ || ended_) return;
        p_.media.focus(sitting_, j["state"] == "lost", p_.exams.now_ms());
    }

    // Only the server starts a room scan: a `begin` without its request is
    // refused by the proctoring (an `error` frame room_scan_not_requested).
    void on_room_scan(const json& j) {
        if (!event_allowed()) return;
        if (!j.contains("state") || !j["state"].is_string() || (j["state"] != "begin" && j["state"] != "end"))
            return send_error("bad_request", "room_scan state is 'begin' or 'end'");
        if (!live_ || ended_) return send_error("not_started", "the room scan is part of an attempt in progress");
        p_.media.room_scan(sitting_, j["state"] == "begin", p_.exams.now_ms(), shared_from_this());
    }

    void on_start(const json& j) {
        if (start_pending_) return;
        start_pending_ = true;
        // A proctored page asks for media_ack (issue 10): it is told what to send
        // (the paper's `media`) and, unless the config says otherwise, acked.
        const bool proctored = j.contains("media_ack") && j["media_ack"] == true;
        json media = proctored ? p_.media.media_config() : json();
        if (proctored) {
            media_ack_ = media.value("ack", true);
            check_every_ms_ = media.value("check_every_ms", 60000);
            check_ms_ = media.value("check_ms", 1000);
        }
        p_.exams.start(sitting_, [self = shared_from_this(), media = std::move(media)](start_outcome out,
                                                                                     std::optional<domain_error> err) mutable {
            if (!err && out.live && !media.is_null()) out.message["media"] = std::move(media);
            // Serialise on the worker, not on the I/O thread.
            std::string text = err ? std::string() : out.message.dump(-1, ' ', false, json::error_handler_t::replace);
            self->on_strand([self, out = std::move(out), err = std::move(err), text = std::move(text)]() mutable {
                self->start_pending_ = false;
                if (err) return self->send_error(err->code, err->what());
                if (out.refused) return self->send(std::move(text));  // outside the window: nothing changes
                if (out.live) {
                    self->live_ = std::move(out.live);
                    self->ended_ = false;
                    self->send(std::move(text));
                    self->send_time();
                    self->schedule_time();
                    // Seed 002 p.2 item 8: a 360-degree film of the room, asked for at the start
                    // (recorded as owed, then sent to the sitting's connections).
                    if (out.issued_now) self->p_.media.request_room_scan(self->sitting_, "start");
                    else self->p_.media.remind_room_scan(self->sitting_, self);
                } else {
                    self->ended_ = true;
                    self->live_.reset();
                    self->send(std::move(text));
                }
            });
        });
    }

    void on_answer(const json& j) {
        if (!live_ && !ended_) return send_error("not_started", "send start first");
        if (!j.contains("n") || !j["n"].is_number_integer()) return send_error("bad_request", "'n' must be an integer");
        auto n = j["n"].get<std::int64_t>();
        if (live_ && (n < 1 || n > static_cast<std::int64_t>(live_->options.size())))
            return send_error("bad_question", "no question " + std::to_string(n) + " on this paper (1.." +
                                                  std::to_string(live_->options.size()) + ")");
        if (!j.contains("choice") || !j["choice"].is_array() || j["choice"].size() > 16)
            return send_error("bad_request", "'choice' must be an array of option indices");
        std::vector<int> choice;
        for (const auto& c : j["choice"]) {
            if (!c.is_number_integer() || c.get<std::int64_t>() < 0 || c.get<std::int64_t>() > 255)
                return send_error("bad_choice", "option indices are integers from 0");
            choice.push_back(c.get<int>());
        }
        std::string seq;
        if (j.contains("seq")) {
            if (!j["seq"].is_string() || j["seq"].get_ref<const std::string&>().size() > 64)
                return send_error("bad_request", "'seq' must be a string of at most 64 characters");
            seq = j["seq"].get<std::string>();
        }
        if (!live_) {
            // The attempt has ended (on this connection or before it opened):
            // the store refuses it, and keeps it as a late answer when it came
            // after the deadline (`time_over`), else `finished`.
            if (n < 1 || n > max_late_n)
                return send_error("finished", "the attempt has ended; the answer was not saved", seq);
            return save(static_cast<int>(n), std::move(choice), seq);
        }
        auto idx = static_cast<std::size_t>(n - 1);
        if (auto bad = exam::validate_choice(choice, live_->options[idx], live_->multi[idx] != 0))
            return send_error(*bad, "question " + std::to_string(n) + " takes " +
                                        (live_->multi[idx] ? "distinct indices" : "one index") + " from 0 to " +
                                        std::to_string(live_->options[idx] - 1));
        const auto now = p_.exams.now_ms();
        if (exam::time_over(now, live_->deadline_ms)) {
            // Not counted, but kept (exam/theory/late.hpp): once per question from this connection.
            if (first_late(n)) p_.exams.late_answer(sitting_, static_cast<int>(n), std::move(choice), seq, now);
            return send_error("time_over", "the time is over; the answer was not saved", seq);
        }
        save(static_cast<int>(n), std::move(choice), seq);
    }

    // Questions this connection has already handed on as late: the engine keeps
    // one per question anyway, this spares the writer repeats. n is at most
    // max_late_n (more than a paper's questions), so the set stays small.
    static constexpr std::int64_t max_late_n = 1000;
    bool first_late(std::int64_t n) { return late_sent_.insert(static_cast<int>(n)).second; }

    void save(int n, std::vector<int> choice, const std::string& seq) {
        p_.exams.save_answer(sitting_, static_cast<int>(n), std::move(choice), seq,
                             [self = shared_from_this(), n, seq](std::optional<std::string> refused) {
                                 self->on_strand([self, n, seq, refused] {
                                     if (refused) {
                                         std::string what =
                                             *refused == "time_over"  ? "the time is over; the answer was not saved"
                                             : *refused == "finished" ? "the attempt has ended; the answer was not saved"
                                                                      : "the answer could not be saved; send it again";
                                         return self->send_error(*refused, what, seq);
                                     }
                                     self->send(json{{"type", "saved"}, {"n", n}, {"seq", seq}}.dump());
                                 });
                             });
    }

    void on_finish() {
        if (!live_ && !ended_) return send_error("not_started", "send start first");
        bool was_ended = ended_;
        p_.exams.finish(sitting_, "finished", [self = shared_from_this(), was_ended](json msg, std::optional<domain_error> err) {
            self->on_strand([self, was_ended, text = msg.dump(), err = std::move(err)]() mutable {
                if (err) return self->send_error(err->code, err->what());
                // A finish after the end is answered again; otherwise the result
                // goes out once, whether the hub or this reply comes first.
                if (was_ended) return self->send(std::move(text));
                self->ended(std::move(text));
            });
        });
    }

    void send_time() {
        if (!live_ || ended_) return;
        send(json{{"type", "time"}, {"remaining_ms", exam::remaining_ms(p_.exams.now_ms(), live_->deadline_ms)}}.dump());
    }

    void schedule_time() {
        if (!timer_ || closed_) return;
        timer_->expires_after(std::chrono::seconds(p_.limits.time_message_s));
        timer_->async_wait([self = shared_from_this()](boost::system::error_code ec) {
            if (ec || self->closed_) return;
            self->send_time();
            if (self->live_ && !self->ended_) self->schedule_time();
        });
    }

    void send(std::string msg) {
        if (ch_) ch_->send(std::move(msg));
    }
    void send_error(const std::string& code, const std::string& message, const std::string& seq = {}) {
        if (ch_) ch_->send_error(code, message, seq);
    }

    exam_socket_parts p_;
    const std::int64_t sitting_;
    // Set in opened() and reset in closed(), both on the strand; read from other
    // threads (exam_peer) under ch_m_.
    std::mutex ch_m_;
    std::shared_ptr<ws_channel> ch_;
    std::optional<net::steady_timer> timer_;
    std::optional<net::steady_timer> sample_timer_;
    // Media pacing (issue 10), on the strand.
    static constexpr std::size_t max_levels = 64;
    static constexpr std::uint32_t min_window_ms = 50, max_window_ms = 1000;
    bool media_ack_ = false;
    bool levels_seen_ = false;
    std::uint64_t binary_count_ = 0;
    int check_every_ms_ = 60000;
    int check_ms_ = 1000;
    std::mt19937 rng_{std::random_device{}()};
    std::optional<live_sitting> live_;
    bool ended_ = false;
    bool start_pending_ = false;
    bool closed_ = false;
    std::set<int> late_sent_;
};

}  // namespace

std::shared_ptr<ws_handler> make_exam_socket(const exam_socket_parts& parts, std::int64_t sitting) {
    return std::make_shared<exam_socket>(parts, sitting);
}

}  // namespace tanu::server
