#include "server/proctoring/live_socket.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include "server/proctoring/store_live.hpp"
#include "server/proctoring/store.hpp"
#include "server/platform/json_map.hpp"

namespace tanu::server {

json live_list(db& d, const proctor_service& proctor) {
    const auto now = proctor.now_ms();
    json list = json::array();
    for (const auto& s : store::live_sittings(d, 1000)) {
        json last = nullptr;
        if (s.last)
            last = {{"id", s.last->id}, {"t_ms", s.last->t_ms}, {"kind", s.last->kind}, {"detail", s.last->detail},
                    {"args", event_args_json(s.last->args)},
                    {"violation", s.last->violation}, {"strike", s.last->strike}};
        list.push_back({{"session", s.sitting},
                        {"candidate", s.candidate},
                        {"full_name", s.full_name},
                        {"programme", s.programme},
                        {"lang", s.lang},
                        {"started_ms", s.started_ms},
                        {"remaining_ms", std::max<std::int64_t>(0, s.deadline_ms - now)},
                        {"connections", proctor.connections(s.sitting)},
                        {"strikes", s.strikes},
                        {"identity", s.identity.empty() ? json(nullptr) : json(s.identity)},
                        {"room_scan", s.room_scan.empty() ? json(nullptr) : json(s.room_scan)},
                        {"stream", proctor.stream_state(s.sitting)},
                        {"last_event", last}});
    }
    return {{"now_ms", now}, {"sittings", list}};
}

namespace {

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

// One staff connection: what the feed sends goes out through its channel;
// from the client it takes only `ping`.
class live_viewer final : public ws_handler, public std::enable_shared_from_this<live_viewer> {
public:
    live_viewer(std::shared_ptr<live_feed> feed, std::int64_t user, std::int64_t start_id)
        : feed_(std::move(feed)), user_(user), since_(start_id) {}
    ~live_viewer() override { --feed_->admitted_; }  // made and never opened, or closed

    std::string name() const override { return "staff live view of user " + std::to_string(user_); }

    void opened(std::shared_ptr<ws_channel> channel) override {
        {
            std::lock_guard lock(m_);
            ch_ = std::move(channel);
        }
        feed_->join(shared_from_this());
    }
    void closed() override {
        feed_->leave(this);
        std::lock_guard lock(m_);
        ch_.reset();  // the channel holds this handler: the cycle ends with the connection
    }
    void text(std::string_view bytes) override {
        json j = try_parse_json(bytes, 4);
        auto ch = channel();
        if (!ch) return;
        if (j.is_discarded()) return ch->send_error("bad_json", "the message is not valid JSON");
        if (!j.is_object() || !j.contains("type") || !j["type"].is_string())
            return ch->send_error("bad_request", "a message is a JSON object with a string 'type'");
        const auto& type = j["type"].get_ref<const std::string&>();
        if (type == "ping") return ch->send(json{{"type", "pong"}}.dump());
        ch->send_error("unknown_type", "the live view takes only 'ping', not '" + type.substr(0, 32) + "'");
    }
    void binary(std::string_view) override {
        if (auto ch = channel()) ch->send_error("bad_binary", "the live view takes no binary messages");
    }

    // From the feed, under its mutex.
    std::int64_t since() const { return since_; }
    void start_at(std::int64_t id) { since_ = id; }
    void send(std::string text) {
        if (auto ch = channel()) ch->send(std::move(text));
    }
    void going_away() {
        if (auto ch = channel()) ch->close(ws_close::going_away, "the server is stopping");
    }

private:
    std::shared_ptr<ws_channel> channel() {
        std::lock_guard lock(m_);
        return ch_;
    }

    std::shared_ptr<live_feed> feed_;
    std::int64_t user_;
    std::int64_t since_;  // guarded by the feed's mutex
    std::mutex m_;
    std::shared_ptr<ws_channel> ch_;
};

live_feed::live_feed(db_readers& readers, proctor_service& proctor, boost::asio::any_io_executor workers, logger& log)
    : readers_(readers), proctor_(proctor), log_(log), timer_(std::move(workers)) {}

void live_feed::start() { arm(); }

void live_feed::stop() {
    std::vector<std::shared_ptr<live_viewer>> open;
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        for (auto& w : viewers_)
            if (auto v = w.lock()) open.push_back(std::move(v));
        viewers_.clear();
    }
    timer_.cancel();
    for (auto& v : open) v->going_away();
}

std::shared_ptr<ws_handler> live_feed::make_viewer(std::int64_t user) {
    std::int64_t newest = 0;
    {
        auto r = readers_.acquire();
        newest = store::newest_event_id(*r);
    }
    std::lock_guard lock(mutex_);
    if (stopped_ || admitted_ >= max_viewers) return nullptr;
    ++admitted_;
    return std::make_shared<live_viewer>(shared_from_this(), user, newest);
}

std::size_t live_feed::viewers() const {
    std::lock_guard lock(mutex_);
    return viewers_.size();
}

void live_feed::join(const std::shared_ptr<live_viewer>& v) {
    std::lock_guard lock(mutex_);
    if (stopped_) return v->going_away();
    // Events up to the cursor went out already (or were skipped while nobody
    // watched): the viewer starts after them, and the hello says so.
    v->start_at(std::max(v->since(), cursor_));
    v->send(json{{"type", "hello"}, {"last_id", v->since()}}.dump());
    viewers_.push_back(v);
    want_live_ = true;
}

void live_feed::leave(const live_viewer* v) {
    std::lock_guard lock(mutex_);
    std::erase_if(viewers_, [v](const std::weak_ptr<live_viewer>& w) {
        auto s = w.lock();
        return !s || s.get() == v;
    });
}

void live_feed::arm() {
    timer_.expires_after(std::chrono::milliseconds(tick_ms));
    timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (ec) return;
        try {
            self->tick();
        } catch (const std::exception& e) {
            self->log_.error("live", std::string("the live feed's tick failed: ") + e.what());
        }
        {
            std::lock_guard lock(self->mutex_);
            if (self->stopped_) return;
        }
        self->arm();
    });
}

void live_feed::tick() {
    std::int64_t cursor;
    bool watched, live_due;
    const auto now = steady_ms();
    {
        std::lock_guard lock(mutex_);
        cursor = cursor_;
        watched = !viewers_.empty();
        live_due = want_live_ || now - last_live_ms_ >= live_every_ms;
    }
    std::vector<store::live_event> batch;
    json live;
    {
        auto r = readers_.acquire();
        if (!watched || cursor < 0) {
            // Nobody watches: nothing to send, the cursor only follows the log.
            const auto newest = store::newest_event_id(*r);
            std::lock_guard lock(mutex_);
            cursor_ = std::max(cursor_, newest);
            if (!watched) return;
            cursor = cursor_;
        }
        batch = store::events_after(*r, cursor, max_batch);
        if (!batch.empty() || live_due) live = live_list(*r, proctor_);
    }
    std::vector<std::pair<std::int64_t, std::string>> frames;
    frames.reserve(batch.size());
    for (const auto& e : batch)
        frames.emplace_back(e.id, json{{"type", "event"}, {"session", e.sitting}, {"id", e.id}, {"t_ms", e.t_ms},
                                       {"kind", e.kind}, {"detail", e.detail}, {"args", event_args_json(e.args)},
                                       {"violation", e.violation},
                                       {"strike", e.strike}}
                                      .dump());
    std::string live_text;
    if (!live.is_null()) live_text = json{{"type", "live"}, {"now_ms", live["now_ms"]}, {"sittings", live["sittings"]}}.dump();

    std::lock_guard lock(mutex_);
    if (stopped_) return;
    if (!batch.empty()) cursor_ = std::max(cursor_, batch.back().id);
    for (auto& w : viewers_) {
        auto v = w.lock();
        if (!v) continue;
        for (const auto& [id, text] : frames)
            if (id > v->since()) v->send(text);
        if (!batch.empty()) v->start_at(std::max(v->since(), batch.back().id));
        if (!live_text.empty()) v->send(live_text);
    }
    if (!live_text.empty()) {
        last_live_ms_ = now;
        want_live_ = false;
    }
}

}  // namespace tanu::server
