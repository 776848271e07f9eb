// Answers first (issue 10), the proctoring's side: the microphone as levels
// (0x03) fed to the same noise rule as PCM, the random audio samples (0x04)
// that check them, and the stream's quality as the page reports it and the
// server counts it. Part of proctor_service (its streams are in
// proctor_stream.hpp).
#include <cmath>
#include <cstdio>

#include "proctor/audio_levels.hpp"
#include "server/proctoring/proctor_service.hpp"

#include "exam/theory/interruption.hpp"
#include "server/proctoring/proctor_stream.hpp"

namespace tanu::server {

void proctor_service::feed_levels(stream& st, std::uint32_t window_ms, const std::vector<std::uint8_t>& levels,
                                  std::int64_t t_ms) {
    // The levels cover the time just before they arrived; windows held back on a
    // slow link, or two messages close together, still follow one another (the
    // policy ends a run when time goes backwards).
    const auto span = static_cast<std::int64_t>(window_ms) * static_cast<std::int64_t>(levels.size());
    std::int64_t t = std::max(t_ms - span, st.levels_next_t);
    for (auto b : levels) {
        feed_audio(st, proctor::level_finding(b, window_ms, t));
        t += window_ms;
    }
    st.levels_next_t = t;
}

bool proctor_service::submit_levels(std::int64_t sitting, std::uint32_t window_ms, std::string levels, std::int64_t t_ms) {
    auto st = stream_of(sitting);
    note_link(*st, t_ms, false);
    return post_audio_work(st, [this, st, window_ms, levels = std::move(levels), t_ms] {
        std::lock_guard lock(st->m);
        if (!st->loaded) load_reference(*st);
        feed_levels(*st, window_ms, std::vector<std::uint8_t>(levels.begin(), levels.end()), t_ms);
    });
}

bool proctor_service::submit_sample(std::int64_t sitting, std::uint32_t window_ms, std::string levels,
                                    std::uint32_t rate, std::string ulaw, std::int64_t t_ms) {
    auto st = stream_of(sitting);
    note_link(*st, t_ms, false);
    return post_audio_work(st, [this, st, window_ms, levels = std::move(levels), rate, ulaw = std::move(ulaw), t_ms] {
        const auto per_window = static_cast<std::size_t>(rate) * window_ms / 1000;
        const auto measured = proctor::ulaw_window_levels(bytes_of(ulaw), per_window);
        // The worst window: where the claim and the measure differ most, among
        // those where either is loud enough to matter.
        double worst = -1, claimed_db = 0, measured_db = 0;
        for (std::size_t i = 0; i < measured.size() && i < levels.size(); ++i) {
            const double c = proctor::level_byte_dbfs(static_cast<std::uint8_t>(levels[i]));
            const double m = proctor::level_byte_dbfs(measured[i]);
            if (c <= check_floor_dbfs && m <= check_floor_dbfs) continue;
            if (std::abs(c - m) > worst) {
                worst = std::abs(c - m);
                claimed_db = c;
                measured_db = m;
            }
        }
        const bool failed = worst > check_tolerance_db;
        {
            std::lock_guard lock(st->link_m);
            ++(failed ? st->checks_failed : st->checks_passed);
        }
        std::lock_guard lock(st->m);
        if (!st->loaded) load_reference(*st);
        // The server's own measure is what the policy hears.
        feed_levels(*st, window_ms, measured, t_ms);
        if (failed) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "claimed %.1f dBFS, measured %.1f dBFS", claimed_db, measured_db);
            log_event(st->sitting, t_ms, "audio_check_failed", buf,
                      json{{"claimed_dbfs", std::round(claimed_db * 10) / 10}, {"measured_dbfs", std::round(measured_db * 10) / 10}}.dump());
        }
    });
}

namespace {
std::string stream_detail(const sitting_media::stream_report& r) {
    char every[32];
    if (r.every_ms % 1000 == 0) std::snprintf(every, sizeof every, "%d s", r.every_ms / 1000);
    else std::snprintf(every, sizeof every, "%.1f s", r.every_ms / 1000.0);
    return std::to_string(r.width) + "×" + std::to_string(r.height) + " every " + every + ", link ~" +
           std::to_string(r.link_kbps) + " kbit/s";
}

std::string stream_args(const sitting_media::stream_report& r) {
    return json{{"interval_s", r.every_ms / 1000.0}, {"width", r.width}, {"height", r.height}, {"link_kbps", r.link_kbps}}
        .dump();
}
}  // namespace

// Frames counted as they arrive (the server's own measure of the link), and a
// stream change held back by the 30 s rule logged once they have passed.
void proctor_service::note_link(stream& st, std::int64_t t_ms, bool frame) {
    std::optional<sitting_media::stream_report> due;
    std::int64_t gap = 0;
    {
        std::lock_guard lock(st.link_m);
        // X6: the camera (or the microphone) lost while the page stayed connected
        auto& last = frame ? st.last_frame_ms : st.last_audio_ms;
        if (last >= 0 && t_ms - last > exam::media_gap_limit_ms(st.reported ? st.report.every_ms : 0)) gap = t_ms - last;
        last = std::max(last, t_ms);
        if (frame) {
            st.frame_times.push_back(t_ms);
            if (st.frame_times.size() > max_frame_times) st.frame_times.pop_front();
        }
        while (!st.frame_times.empty() && st.frame_times.front() <= t_ms - 60000) st.frame_times.pop_front();
        if (st.report_pending && t_ms - st.logged_at >= stream_event_ms) {
            st.report_pending = false;
            if (st.report.level != st.logged_level) {
                st.logged_at = t_ms;
                st.logged_level = st.report.level;
                due = st.report;
            }
        }
    }
    if (due)
        log_event(st.sitting, t_ms, due->level > 0 ? "stream_reduced" : "stream_restored", stream_detail(*due),
                  stream_args(*due));
    if (gap > 0) {
        const double seconds = static_cast<double>(gap / 100) / 10.0;
        char detail[96];
        std::snprintf(detail, sizeof detail, "no %s for %.1f s while connected", frame ? "camera frame" : "audio", seconds);
        log_event(st.sitting, t_ms, frame ? "camera_lost" : "microphone_lost", detail,
                  json{{"seconds", seconds}, {"technical", true}}.dump());
    }
}

void proctor_service::stream_changed(std::int64_t sitting, const stream_report& r, std::int64_t t_ms) {
    auto st = stream_of(sitting);
    bool log_now = false;
    {
        std::lock_guard lock(st->link_m);
        st->report = r;
        st->reported = true;
        if (r.level == st->logged_level) {
            st->report_pending = false;  // back where the events left it: nothing to say
        } else if (st->logged_at < 0 || t_ms - st->logged_at >= stream_event_ms) {
            st->logged_at = t_ms;
            st->logged_level = r.level;
            st->report_pending = false;
            log_now = true;
        } else {
            st->report_pending = true;
        }
    }
    if (log_now)
        log_event(sitting, t_ms, r.level > 0 ? "stream_reduced" : "stream_restored", stream_detail(r), stream_args(r));
}

json proctor_service::media_config() const {
    const auto& m = cfg_.proctoring.media;
    json levels = json::array();
    for (const auto& l : m.levels) levels.push_back({{"w", l.w}, {"h", l.h}, {"every_ms", l.every_ms}});
    return {{"levels", std::move(levels)},
            {"audio", "levels"},
            {"audio_window_ms", m.audio_window_ms},
            {"check_every_ms", m.check_every_ms},
            {"check_ms", m.check_ms},
            {"ack", m.ack}};
}

json proctor_service::stream_state(std::int64_t sitting) const {
    auto st = find_stream(sitting);
    if (!st) return nullptr;
    const auto now = clock_.now_ms();
    std::lock_guard lock(st->link_m);
    const auto& top = cfg_.proctoring.media.levels.front();
    const auto recent = std::count_if(st->frame_times.begin(), st->frame_times.end(),
                                      [&](std::int64_t t) { return t > now - 60000; });
    json out = {{"level", st->reported ? st->report.level : 0},
                {"width", st->reported ? st->report.width : top.w},
                {"height", st->reported ? st->report.height : top.h},
                {"every_ms", st->reported ? st->report.every_ms : top.every_ms},
                {"link_kbps", st->reported ? json(st->report.link_kbps) : json(nullptr)},
                {"frames_last_min", recent},
                {"audio_checks_passed", st->checks_passed},
                {"audio_checks_failed", st->checks_failed}};
    return out;
}

}  // namespace tanu::server
