// Room scans (seed 002 p.2 item 8; issue 8, C3): only the server starts one.
// A request is a row of room_scans (migration 5) written before the candidate
// is asked, so a `begin` always finds it and a reconnect or a restart neither
// forgets a request nor makes a running scan longer. A scan ends on the
// candidate's `end` or by itself after proctor.room_scan_max_s. Part of
// proctor_service (its streams are in proctor_stream.hpp).
#include <boost/asio/post.hpp>

#include "server/proctoring/proctor_service.hpp"
#include "server/proctoring/proctor_stream.hpp"
#include "server/proctoring/store.hpp"

namespace tanu::server {

namespace net = boost::asio;

void proctor_service::end_scan(stream& st, std::int64_t t_ms, const char* by) {
    const bool timeout = std::string_view(by) == "timeout";
    writer_.post(
        [id = st.scan_id, t_ms, by = std::string(by)](db& d) {
            store::end_room_scan(d, id, t_ms, by);
        },
        nullptr);
    log_event(st.sitting, t_ms, timeout ? "room_scan_timeout" : "room_scan_end",
              timeout ? "the 360° room scan was not ended within " + std::to_string(cfg_.proctoring.room_scan_max_s) +
                            " s: it ended by itself"
                      : std::string("360° room scan ended"),
              timeout ? json{{"max_s", cfg_.proctoring.room_scan_max_s}}.dump() : std::string());
    st.scan_id = 0;
    st.scan_began = -1;
    st.scan_active = false;
}

void proctor_service::expire_scan(stream& st, std::int64_t now_ms) {
    if (st.scan_id == 0 || st.scan_began < 0) return;
    const std::int64_t deadline = st.scan_began + std::int64_t{cfg_.proctoring.room_scan_max_s} * 1000;
    if (now_ms >= deadline) end_scan(st, deadline, "timeout");
}

void proctor_service::room_scan(std::int64_t sitting, bool begin, std::int64_t t_ms, std::shared_ptr<exam_peer> from) {
    auto st = stream_of(sitting);
    net::post(st->control, [this, st, begin, t_ms, from = std::move(from)] {
        std::lock_guard lock(st->m);
        if (!st->loaded) load_reference(*st);
        expire_scan(*st, t_ms);
        if (!begin) {
            // An `end` with no scan running (it timed out, or was never begun) changes nothing.
            if (st->scan_id != 0 && st->scan_began >= 0) end_scan(*st, t_ms, "candidate");
            return;
        }
        if (st->scan_id == 0) {
            // C3 of issue 8: a scan the server did not ask for would switch the analysis off.
            json err = {{"type", "error"},
                        {"error", "room_scan_not_requested"},
                        {"message", "a room scan begins only when the server asks for one"}};
            from->send_message(err.dump());
            return;
        }
        st->scan_active = true;
        if (st->scan_began >= 0) return;  // the scan running, begun again after a reconnect: same deadline
        st->scan_began = t_ms;
        writer_.post(
            [id = st->scan_id, t_ms](db& d) {
                store::begin_room_scan(d, id, t_ms);
            },
            nullptr);
        log_event(st->sitting, t_ms, "room_scan_begin", "360° room scan started");
    });
}

void proctor_service::request_room_scan(std::int64_t sitting, const std::string& reason) {
    const std::int64_t now = clock_.now_ms();
    struct owed {
        std::int64_t id = 0, began = -1;
    };
    auto row = std::make_shared<owed>();
    // Recorded first (one scan owed or running at a time: a request while one
    // is, is answered by it), then asked for: a `begin` always finds it.
    writer_.post(
        [=](db& d) {
            if (auto scan = store::open_scan(d, sitting)) {
                row->id = scan->id;
                row->began = scan->began_ms;
                return;
            }
            row->id = store::insert_room_scan(d, sitting, reason, now);
            insert_proctor_event(d, sitting, now, "room_scan_requested", "360° room scan asked for (" + reason + ")", false,
                                 0, "", "", json{{"reason", reason}}.dump());
        },
        [=, this](std::exception_ptr e) {
            if (e) {
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& ex) {
                    log_.error("proctor", "session " + std::to_string(sitting) + ": room scan request not stored: " +
                                              ex.what());
                }
                return;
            }
            auto msg = json{{"type", "room_scan"}, {"reason", reason}}.dump();
            auto st = find_stream(sitting);
            if (!st) {
                for (auto& peer : hub_.of(sitting)) peer->send_message(msg);
                return;
            }
            net::post(st->control, [this, st, row, msg] {
                {
                    std::lock_guard lock(st->m);
                    // A stream not loaded yet reads the row when it loads.
                    if (st->loaded && st->scan_id != row->id) {
                        st->scan_id = row->id;
                        st->scan_began = row->began;
                        st->scan_active = false;
                    }
                }
                for (auto& peer : hub_.of(st->sitting)) peer->send_message(msg);
            });
        });
}

void proctor_service::remind_room_scan(std::int64_t sitting, std::shared_ptr<exam_peer> to) {
    net::post(pool_, [this, sitting, to = std::move(to)] {
        std::optional<std::string> reason;
        {
            auto r = readers_.acquire();
            reason = store::owed_scan_reason(*r, sitting);
        }
        if (reason) to->send_message(json{{"type", "room_scan"}, {"reason", *reason}}.dump());
    });
}

}  // namespace tanu::server
