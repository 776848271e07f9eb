#include "server/proctoring/proctor_service.hpp"
#include "server/proctoring/proctor_stream.hpp"
#include "server/proctoring/store.hpp"

#include <fcntl.h>
#include <time.h>
#include <sodium.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <cmath>
#include <cstdio>
#include <optional>

#include "proctor/audio_levels.hpp"

#include "exam/theory/strikes.hpp"
#include "server/audit/audit.hpp"
#include "server/exam/store.hpp"
#include "server/platform/json_map.hpp"

namespace tanu::server {

namespace net = boost::asio;

namespace {

// OpenCV's cascades are not thread-safe: one detector per thread.
proctor::face_detector& detector(const proctor::proctor_config& cfg) {
    thread_local std::unique_ptr<proctor::face_detector> d;
    if (!d) d = std::make_unique<proctor::face_detector>(cfg);
    return *d;
}

// CPU time of the calling thread, in ms (not wall time: other threads and
// processes do not count).
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Stored as .jpg and served as image/jpeg: only a JPEG (that decoded) is kept.
bool is_jpeg(const std::string& b) {
    return b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
           static_cast<unsigned char>(b[2]) == 0xFF;
}

}  // namespace

std::int64_t insert_proctor_event(db& d, std::int64_t sitting, std::int64_t t_ms, const std::string& kind,
                                  const std::string& detail, bool violation, int strike, const std::string& evidence,
                                  const std::string& sha, const std::string& args) {
    return audit::append_event(d, {sitting, t_ms, kind, detail, violation, strike, evidence, sha, args});
}

proctor_service::proctor_service(const server_config& cfg, db_writer& writer, db_readers& readers, exam_service& exams,
                                 sitting_hub& hub, const exam::clock& clock, logger& log)
    : cfg_(cfg),
      writer_(writer),
      readers_(readers),
      exams_(exams),
      hub_(hub),
      clock_(clock),
      log_(log),
      pool_(cfg.proctoring.threads ? cfg.proctoring.threads : std::max(1u, std::thread::hardware_concurrency())) {
    proctor::face_detector probe(cfg.proctoring.analysis);  // fails early when the cascades are missing
    // The pool is the parallelism: OpenCV's own threads on top would only
    // oversubscribe the cores.
    proctor::use_single_thread();
}

proctor_service::~proctor_service() { stop(); }

void proctor_service::stop() {
    stopping_ = true;  // what is still queued is skipped, not analysed
    pool_.join();
}

std::shared_ptr<proctor_service::stream> proctor_service::stream_of(std::int64_t sitting) {
    std::lock_guard lock(mutex_);
    auto& st = streams_[sitting];
    if (!st) {
        st = std::make_shared<stream>(sitting, pool_.get_executor());
        auto& b = budgets_[sitting];
        if (!b) b = std::make_shared<cpu_budget>();
        st->budget = b;
    }
    return st;
}

std::shared_ptr<proctor_service::stream> proctor_service::find_stream(std::int64_t sitting) const {
    std::lock_guard lock(mutex_);
    auto it = streams_.find(sitting);
    return it == streams_.end() ? nullptr : it->second;
}

void proctor_service::close(std::int64_t sitting) {
    std::shared_ptr<stream> st;
    {
        std::lock_guard lock(mutex_);
        auto it = streams_.find(sitting);
        if (it == streams_.end()) return;
        st = it->second;
        streams_.erase(it);
        if (++closes_ % 256 == 0) {
            // Budgets no stream uses and that are full again are forgotten.
            const double cap = cfg_.proctoring.cpu_ms_per_minute;
            std::erase_if(budgets_, [&](const auto& kv) {
                if (kv.second.use_count() > 1) return false;
                std::lock_guard bl(kv.second->m);
                return !kv.second->episode && kv.second->bucket.idle(cap);
            });
        }
    }
    note_link(*st, clock_.now_ms(), false);  // a stream change due by now is logged
    net::post(pool_, [this, st] {
        std::lock_guard lock(st->m);
        if (st->loaded) expire_scan(*st, clock_.now_ms());
        if (st->dropped > 0 || st->corrupt > 0 || st->throttled > 0)
            log_event(st->sitting, clock_.now_ms(), "frames_summary",
                      std::to_string(st->dropped.load()) + " frame(s) dropped under load, " + std::to_string(st->corrupt) +
                          " unreadable, " + std::to_string(st->throttled) + " over the CPU budget",
                      json{{"dropped", st->dropped.load()}, {"unreadable", st->corrupt}, {"throttled", st->throttled}}.dump());
    });
}

bool proctor_service::submit_frame(std::int64_t sitting, std::string jpeg, std::int64_t t_ms) {
    auto st = stream_of(sitting);
    note_link(*st, t_ms, true);
    {
        std::lock_guard lock(st->pending_m);
        if (st->scheduled) {
            // Still waiting for its turn: keep only the newest frame.
            if (!st->pending.empty()) {
                ++dropped_;
                ++st->dropped;
            }
            st->pending = std::move(jpeg);
            st->pending_t = t_ms;
            return true;
        }
        if (stopping_ || queued_ >= cfg_.proctoring.max_queued) {
            ++dropped_;
            ++st->dropped;
            return false;
        }
        st->scheduled = true;
        st->pending = std::move(jpeg);
        st->pending_t = t_ms;
    }
    ++queued_;
    net::post(pool_, [this, st] { run_frames(st); });
    return true;
}

void proctor_service::run_frames(const std::shared_ptr<stream>& st) {
    std::string jpeg;
    std::int64_t t_ms = 0;
    {
        std::lock_guard lock(st->pending_m);
        jpeg = std::move(st->pending);
        st->pending.clear();
        t_ms = st->pending_t;
    }
    if (!stopping_ && !jpeg.empty()) {
        if (clock_.now_ms() - t_ms > stale_ms) {
            // Too late to be of use: skip it rather than fall further behind.
            ++stale_;
            ++st->dropped;
        } else {
            try {
                analyse_frame(st, std::move(jpeg), t_ms);
            } catch (const std::exception& e) {
                log_.error("proctor", "session " + std::to_string(st->sitting) + ": frame analysis failed: " + e.what());
            }
        }
    }
    std::lock_guard lock(st->pending_m);
    if (!stopping_ && !st->pending.empty()) {
        // A newer frame came while this one was analysed: its turn is at the back of the queue.
        net::post(pool_, [this, st] { run_frames(st); });
        return;
    }
    st->scheduled = false;
    --queued_;
}

bool proctor_service::submit_audio(std::int64_t sitting, std::string pcm, std::uint32_t rate, std::int64_t t_ms) {
    auto st = stream_of(sitting);
    if (stopping_ || queued_ >= cfg_.proctoring.max_queued || st->audio_busy.exchange(true)) {
        ++audio_dropped_;
        return false;
    }
    ++queued_;
    net::post(pool_, [this, st, pcm = std::move(pcm), rate, t_ms]() mutable {
        try {
            analyse_audio(st, std::move(pcm), rate, t_ms);
        } catch (const std::exception& e) {
            log_.error("proctor", "session " + std::to_string(st->sitting) + ": audio analysis failed: " + e.what());
        }
        --queued_;
        st->audio_busy = false;
    });
    return true;
}

void proctor_service::load_reference(stream& st) {
    st.loaded = true;
    std::optional<std::string> blob;
    std::shared_ptr<const exam::programme> programme;
    {
        auto r = readers_.acquire();
        blob = store::photo_reference_of_sitting(*r, st.sitting);
        auto sit = store::find_sitting(*r, st.sitting);
        if (sit)
            programme = exams_.programme(*r, sit->programme);
        // A scan owed or running survives reconnects and restarts; one that was
        // running goes on only when the candidate's page begins it again.
        if (auto scan = store::open_scan(*r, st.sitting)) {
            st.scan_id = scan->id;
            st.scan_began = scan->began_ms;
        }
        st.scan_active = false;
        st.scan_frames = store::room_scan_frames(*r, st.sitting);
    }
    // What counts is the programme's (p.13), read once per sitting; without one
    // (gone), the defaults (exam::default_strikes).
    st.programme = programme ? programme : std::make_shared<const exam::programme>();
    std::shared_ptr<const proctor::identity_reference> ref;
    if (blob) {
        try {
            ref = std::make_shared<const proctor::identity_reference>(proctor::identity_reference::from_blob(*blob));
        } catch (const std::exception& e) {
            log_.error("proctor", "session " + std::to_string(st.sitting) + ": stored photo unusable: " + e.what());
        }
    }
    st.has_photo = ref != nullptr;
    st.analyzer.emplace(cfg_.proctoring.analysis, ref);
    st.policy.emplace(cfg_.proctoring.analysis);
    if (!st.has_photo) {
        st.identity_told = true;
        log_event(st.sitting, clock_.now_ms(), "identity_unchecked",
                  "the candidate has no ID photo on file: the sitting runs without the identity check");
        auto msg = json{{"type", "identity"}, {"state", "no_photo"}}.dump();
        for (auto& peer : hub_.of(st.sitting)) peer->send_message(msg);
    }
}

bool proctor_service::within_budget(stream& st) {
    auto& b = *st.budget;
    const double cap = cfg_.proctoring.cpu_ms_per_minute;
    bool tell = false;
    {
        std::lock_guard lock(b.m);
        b.bucket.refill(cap);
        // The episode is over once half a minute's budget is back.
        if (b.episode && b.bucket.tokens >= cap / 2) b.episode = false;
        if (b.bucket.tokens > 0) return true;
        tell = !std::exchange(b.episode, true);
    }
    ++st.throttled;
    ++throttled_;
    if (tell)
        log_event(st.sitting, clock_.now_ms(), "frames_throttled",
                  "proctoring used more than its " + std::to_string(cfg_.proctoring.cpu_ms_per_minute) +
                      " ms of CPU a minute: camera frames are dropped until it is under again",
                  json{{"cpu_ms_per_minute", cfg_.proctoring.cpu_ms_per_minute}}.dump());
    return false;
}

void proctor_service::analyse_frame(const std::shared_ptr<stream>& st, std::string jpeg, std::int64_t t_ms) {
    std::lock_guard lock(st->m);
    if (!st->loaded) load_reference(*st);
    expire_scan(*st, t_ms);
    if (!within_budget(*st)) return;
    auto cpu_start = thread_cpu_ms();
    auto f = st->analyzer->analyze_image(bytes_of(jpeg), t_ms, detector(cfg_.proctoring.analysis));
    const double cpu_ms = thread_cpu_ms() - cpu_start;
    {
        std::lock_guard bl(st->budget->m);
        const double cap = cfg_.proctoring.cpu_ms_per_minute;
        st->budget->bucket.tokens = std::max(-cap, st->budget->bucket.tokens - cpu_ms);
    }
    ++analysed_;
    record_lag(clock_.now_ms() - t_ms, cpu_ms);
    if (f.quality == proctor::frame_quality::corrupt || f.quality == proctor::frame_quality::too_large) {
        if (st->corrupt++ == 0)
            log_event(st->sitting, t_ms, "frame_unreadable",
                      f.too_many_scans ? "camera frame refused undecoded: a JPEG of more than " +
                                             std::to_string(cfg_.proctoring.analysis.max_jpeg_scans) + " scans"
                                       : std::string("camera frame ") + proctor::to_string(f.quality),
                      f.too_many_scans ? json{{"max_scans", cfg_.proctoring.analysis.max_jpeg_scans}}.dump()
                                       : json{{"quality", proctor::to_string(f.quality)}}.dump());
        return;  // nothing of it is stored
    }
    if (st->scan_active) {
        // The 360° scan: the camera turns on purpose, so only a second person
        // counts (the policy pauses the rest); frames are kept as their own
        // part of the recording, one a second, up to the sitting's cap.
        f.room_scan = true;
        f.identity_match.reset();
        f.identity_distance.reset();
        if (t_ms - st->last_scan_recorded >= 1000 && st->scan_frames < cfg_.proctoring.room_scan_max_frames &&
            is_jpeg(jpeg)) {
            st->last_scan_recorded = t_ms;
            ++st->scan_frames;
            auto [rel, sha] = keep_file("recordings/" + std::to_string(st->sitting) + "/" + std::to_string(t_ms) +
                                            "-room_scan.jpg",
                                        jpeg);
            writer_.post(
                [sitting = st->sitting, t_ms, rel, sha](db& d) {
                    store::insert_recording(d, sitting, t_ms, "room_scan", rel, sha);
                },
                nullptr);
        }
    } else if ((t_ms - st->last_recorded >= cfg_.proctoring.recording_every_ms || st->record_next.load()) &&
               is_jpeg(jpeg)) {
        st->record_next = false;
        st->last_recorded = t_ms;
        auto [rel, sha] =
            keep_file("recordings/" + std::to_string(st->sitting) + "/" + std::to_string(t_ms) + "-exam.jpg", jpeg);
        writer_.post(
            [sitting = st->sitting, t_ms, rel, sha](db& d) {
                store::insert_recording(d, sitting, t_ms, "exam", rel, sha);
            },
            nullptr);
    }
    if (f.identity_match && !st->identity_told) {
        (*f.identity_match ? st->identity_yes : st->identity_no)++;
        if (st->identity_yes + st->identity_no >= 3) {
            st->identity_told = true;
            bool ok = st->identity_yes > st->identity_no;
            log_event(st->sitting, t_ms, ok ? "identity_confirmed" : "identity_not_confirmed",
                      "distance " + std::to_string(f.identity_distance.value_or(0)),
                      json{{"distance", std::round(f.identity_distance.value_or(0) * 1000) / 1000}}.dump());
            auto msg = json{{"type", "identity"}, {"state", ok ? "confirmed" : "not_confirmed"}}.dump();
            for (auto& peer : hub_.of(st->sitting)) peer->send_message(msg);
        }
    }
    auto v = st->policy->on_frame(f);
    st->last_frame = std::move(jpeg);
    if (v) on_finding(*st, *v, st->last_frame);
}

void proctor_service::analyse_audio(const std::shared_ptr<stream>& st, std::string pcm, std::uint32_t rate,
                                    std::int64_t t_ms) {
    auto a = proctor::analyze_pcm(bytes_of(pcm), rate, t_ms);
    if (!a.valid) return;
    std::lock_guard lock(st->m);
    if (!st->loaded) load_reference(*st);
    feed_audio(*st, a);
}

void proctor_service::feed_audio(stream& st, const proctor::audio_finding& a) {
    const std::int64_t t_ms = a.t_ms;
    st.audio_max = std::max(st.audio_max, a.dbfs);
    if (t_ms - st.audio_window >= cfg_.proctoring.audio_level_every_ms) {
        double level = st.audio_max;
        st.audio_window = t_ms;
        st.audio_max = -120;
        writer_.post(
            [sitting = st.sitting, t_ms, level](db& d) {
                store::put_audio_level(d, sitting, t_ms, level);
            },
            nullptr);
    }
    if (auto v = st.policy->on_audio(a)) on_finding(st, *v, st.last_frame);
}

// ---- compact audio and the link (issue 10) -----------------------------------

bool proctor_service::post_audio_work(const std::shared_ptr<stream>& st, std::function<void()> work) {
    if (stopping_ || queued_ >= cfg_.proctoring.max_queued) {
        ++audio_dropped_;
        return false;
    }
    ++queued_;
    // On the stream's control strand: levels and samples are fed in the order they came.
    net::post(st->control, [this, st, work = std::move(work)] {
        try {
            if (!stopping_) work();
        } catch (const std::exception& e) {
            log_.error("proctor", "session " + std::to_string(st->sitting) + ": audio levels failed: " + e.what());
        }
        --queued_;
    });
    return true;
}

void proctor_service::record_next_frame(std::int64_t sitting) {
    if (auto st = find_stream(sitting)) st->record_next = true;
}

void proctor_service::record_lag(std::int64_t lag_ms, double cpu_ms) {
    std::lock_guard lock(stats_mutex_);
    auto lag = static_cast<std::uint64_t>(std::max<std::int64_t>(lag_ms, 0));
    lag_hist_[std::min<std::size_t>(lag / 5, lag_buckets_ - 1)]++;
    lag_max_ms_ = std::max(lag_max_ms_, lag);
    cpu_ms_total_ += cpu_ms;
    ++stat_frames_;
}

json proctor_service::stats(bool reset) {
    std::lock_guard lock(stats_mutex_);
    auto pct = [&](double p) -> std::uint64_t {
        if (stat_frames_ == 0) return 0;
        auto want = static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(stat_frames_)));
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < lag_buckets_; ++i) {
            seen += lag_hist_[i];
            if (seen >= want) return (i + 1) * 5;
        }
        return lag_max_ms_;
    };
    json out = {{"frames_analysed", stat_frames_},
                {"frames_dropped", dropped_.load() - stat_dropped_base_},
                {"frames_stale", stale_.load() - stat_stale_base_},
                {"frames_throttled", throttled_.load()},
                {"audio_dropped", audio_dropped_.load()},
                {"queued", queued_.load()},
                {"lag_p50_ms", pct(0.50)},
                {"lag_p99_ms", pct(0.99)},
                {"lag_max_ms", lag_max_ms_},
                {"cpu_ms_per_frame", stat_frames_ ? cpu_ms_total_ / static_cast<double>(stat_frames_) : 0.0},
                {"streams", streams_size()}};
    if (reset) {
        std::fill(lag_hist_.begin(), lag_hist_.end(), 0);
        lag_max_ms_ = 0;
        cpu_ms_total_ = 0;
        stat_frames_ = 0;
        stat_dropped_base_ = dropped_.load();
        stat_stale_base_ = stale_.load();
    }
    return out;
}

void proctor_service::focus(std::int64_t sitting, bool lost, std::int64_t t_ms) {
    auto st = stream_of(sitting);
    net::post(st->control, [this, st, lost, t_ms] {
        std::lock_guard lock(st->m);
        if (!st->loaded) load_reference(*st);
        if (lost && exam::classify_finding(*st->programme, "focus_lost") == exam::finding_kind::strike) {
            raise(st->sitting, proctor::violation{"focus_lost", t_ms, 0, "the exam page lost focus (tab switch)", t_ms, ""},
                  st->last_frame);
        } else {
            log_event(st->sitting, t_ms, lost ? "focus_lost" : "focus_back",
                      lost ? "the exam page lost focus" : "the exam page has focus again");
        }
    });
}

void proctor_service::log_event(std::int64_t sitting, std::int64_t t_ms, const std::string& kind,
                                const std::string& detail, const std::string& args) {
    writer_.post([=](db& d) { insert_proctor_event(d, sitting, t_ms, kind, detail, false, 0, "", "", args); }, nullptr);
}

void proctor_service::on_finding(stream& st, const proctor::violation& v, const std::string& evidence_jpeg) {
    switch (exam::classify_finding(*st.programme, v.kind)) {
    case exam::finding_kind::strike: return raise(st.sitting, v, evidence_jpeg);
    case exam::finding_kind::suspicious: return log_finding(st.sitting, v, evidence_jpeg, false);
    case exam::finding_kind::technical: return log_finding(st.sitting, v, evidence_jpeg, true);
    }
}

void proctor_service::log_finding(std::int64_t sitting, const proctor::violation& v, const std::string& evidence_jpeg,
                                  bool technical) {
    std::string rel, sha;
    if (!evidence_jpeg.empty())
        std::tie(rel, sha) = keep_file("evidence/" + std::to_string(sitting) + "/" + std::to_string(v.start_ms) + "-" +
                                           std::to_string(clock_.now_ms()) + "-" + v.kind + ".jpg",
                                       evidence_jpeg);
    std::string args = v.args;
    if (technical) {
        // X6: a technical fault, never the candidate's strike (the technical-failure act hooks here).
        json a = json::object();
        if (!args.empty()) {
            auto parsed = json::parse(args, nullptr, false);
            if (parsed.is_object()) a = std::move(parsed);
        }
        a["technical"] = true;
        args = a.dump();
    }
    writer_.post(
        [=](db& d) { insert_proctor_event(d, sitting, v.start_ms, v.kind, v.detail, false, 0, rel, sha, args); },
        nullptr);
}

void proctor_service::raise(std::int64_t sitting, const proctor::violation& v, const std::string& evidence_jpeg) {
    const std::int64_t now = clock_.now_ms();
    std::string rel, sha;
    if (!evidence_jpeg.empty()) {
        std::tie(rel, sha) = keep_file("evidence/" + std::to_string(sitting) + "/" + std::to_string(v.start_ms) + "-" +
                                           std::to_string(clock_.now_ms()) + "-" + v.kind + ".jpg",
                                       evidence_jpeg);
    }
    auto decision = std::make_shared<exam::strike_decision>();
    writer_.post(
        [=, this](db& d) {
            auto s = store::find_sitting(d, sitting);
            if (!s) throw not_found("no such session");
            *decision = exam::register_violation(s->violations, s->status == "in_progress");
            const auto event = insert_proctor_event(d, sitting, v.start_ms, v.kind, v.detail, true, decision->strike, rel, sha, v.args);
            // What a violation opens (seed 002 p.14: an act for the commission) is the procedure's.
            exams_.owners().of(d, *s).violation_logged(d, sitting, event, now);
            if (decision->action != exam::strike_action::ignore)
                store::count_violation(d, sitting);
        },
        [=, this](std::exception_ptr e) {
            if (e) {
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& ex) {
                    log_.error("proctor", "session " + std::to_string(sitting) + ": violation not stored: " + ex.what());
                }
                return;
            }
            if (decision->action == exam::strike_action::ignore) return;
            log_.info("proctor", "session " + std::to_string(sitting) + ": violation " + v.kind + " (strike " +
                                     std::to_string(decision->strike) + "): " + v.detail);
            if (decision->action == exam::strike_action::warn) {
                auto msg = json{{"type", "warning"}, {"violation", v.kind}, {"strike", 1}, {"detail", v.detail}}.dump();
                for (auto& peer : hub_.of(sitting)) peer->send_message(msg);
                return;
            }
            auto msg = json{{"type", "terminated"}, {"reason", v.kind}, {"detail", v.detail}}.dump();
            for (auto& peer : hub_.of(sitting)) peer->send_message(msg);
            exams_.finish(sitting, "terminated", [this, sitting](json, std::optional<domain_error> err) {
                if (err) log_.error("proctor", "session " + std::to_string(sitting) + ": termination failed: " + err->what());
            });
        });
}

std::pair<std::string, std::string> proctor_service::keep_file(const std::string& rel, std::string_view bytes) {
    auto full = cfg_.data_dir / rel;
    std::filesystem::create_directories(full.parent_path());
    auto tmp = full;
    tmp += ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write " + tmp.string());
    std::size_t off = 0;
    while (off < bytes.size()) {
        auto n = ::write(fd, bytes.data() + off, bytes.size() - off);
        if (n <= 0) {
            ::close(fd);
            throw std::runtime_error("cannot write " + tmp.string());
        }
        off += static_cast<std::size_t>(n);
    }
    ::fdatasync(fd);
    ::close(fd);
    std::filesystem::rename(tmp, full);
    return {rel, sha256_hex(bytes)};
}

void proctor_service::set_photo(std::int64_t candidate, std::string_view bytes) {
    auto ref = proctor::identity_reference::from_image(
        {reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()}, detector(cfg_.proctoring.analysis),
        cfg_.proctoring.analysis);
    auto [rel, sha] = keep_file("photos/" + std::to_string(candidate) + "-" + std::to_string(clock_.now_ms()) + ".img",
                                bytes);
    auto blob = ref.to_blob();
    auto now = clock_.now_ms();
    std::optional<std::string> old;
    try {
        old = writer_.call([&](db& d) {
            auto before = store::photo_path(d, candidate);
            store::put_photo(d, candidate, rel, sha, blob, now);
            return before;
        });
    } catch (...) {
        std::error_code ec;
        std::filesystem::remove(cfg_.data_dir / rel, ec);  // not referenced by any row
        throw;
    }
    // Committed: the file it replaced is referenced by nothing now.
    if (old && *old != rel) {
        std::error_code ec;
        std::filesystem::remove(cfg_.data_dir / *old, ec);
        if (ec) log_.warn("proctor", "candidate " + std::to_string(candidate) + ": old photo " + *old +
                                         " not deleted: " + ec.message());
    }
}

}  // namespace tanu::server
