#pragma once
#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "exam/common/clock.hpp"
#include "proctor/proctor.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/exam/exam_service.hpp"
#include "server/exam/sitting_hub.hpp"
#include "server/exam/sitting_media.hpp"
#include "server/platform/config.hpp"
#include "server/platform/json_map.hpp"
#include "server/platform/logger.hpp"
#include "server/platform/sha256.hpp"

namespace tanu::server {

// Online proctoring on the server: camera frames and audio of each sitting are
// analysed on a pool of their own (never on the I/O thread), findings go
// through proctor/'s violation policy, and each violation is registered by the
// exam rule (seed 002 p.13: a warning, then the end of the attempt), stored
// with its evidence image, and told to the candidate. A candidate whose
// previous frame is still being analysed has the new one dropped (counted).
// Each sitting has a CPU budget on the pool (proctor.cpu_ms_per_minute): its
// frames beyond it are dropped (counted, one `frames_throttled` event per
// episode), so that one candidate's expensive frames never starve the others.
// Room scans are started by the server only (request_room_scan), end on the
// candidate's `end` or after proctor.room_scan_max_s, and keep at most
// proctor.room_scan_max_frames frames per sitting (table room_scans, 0005).
class proctor_service final : public sitting_media {
public:
    proctor_service(const server_config& cfg, db_writer& writer, db_readers& readers, exam_service& exams,
                    sitting_hub& hub, const exam::clock& clock, logger& log);
    ~proctor_service() override;

    std::int64_t now_ms() const { return clock_.now_ms(); }
    // Open exam connections of a sitting (the live list).
    std::size_t connections(std::int64_t sitting) const { return hub_.of(sitting).size(); }
    // The procedures the sittings belong to (the exam engine's).
    const sitting_owners& owners() const { return exams_.owners(); }

    // From the I/O thread. False when the frame was dropped.
    bool submit_frame(std::int64_t sitting, std::string jpeg, std::int64_t t_ms) override;
    bool submit_audio(std::int64_t sitting, std::string pcm, std::uint32_t rate, std::int64_t t_ms) override;
    // The candidate's room_scan begin/end. A begin without a scan owed or
    // running is answered on `from` with an error room_scan_not_requested; a
    // begin for the scan running (a reconnect) goes on with it.
    void room_scan(std::int64_t sitting, bool begin, std::int64_t t_ms, std::shared_ptr<exam_peer> from) override;
    void focus(std::int64_t sitting, bool lost, std::int64_t t_ms) override;
    // Compact audio (issue 10): each level is an audio finding of its window,
    // fed to the noise policy and the recorded level as a PCM chunk would be.
    bool submit_levels(std::int64_t sitting, std::uint32_t window_ms, std::string levels, std::int64_t t_ms) override;
    // A check sample: the server's own levels of the µ-law audio go to the
    // policy; where the page's claimed level differs from them by more than
    // check_tolerance_db (either above check_floor_dbfs), an event
    // audio_check_failed (never a strike).
    bool submit_sample(std::int64_t sitting, std::uint32_t window_ms, std::string levels, std::uint32_t rate,
                       std::string ulaw, std::int64_t t_ms) override;
    // The page's `stream`: an event stream_reduced (level > 0) or
    // stream_restored (level 0), at most one per stream_event_ms per sitting;
    // a change within that is logged when it has passed.
    void stream_changed(std::int64_t sitting, const stream_report& r, std::int64_t t_ms) override;
    // proctor.media as the paper's `media` (and the device-check page's route).
    json media_config() const override;
    // For the live list: {level, width, height, every_ms, link_kbps,
    // frames_last_min, audio_checks_failed}, or null without a stream.
    json stream_state(std::int64_t sitting) const;
    // The staff's "latest frame on demand": the sitting's next readable frame
    // is kept for the recording whatever recording_every_ms says.
    void record_next_frame(std::int64_t sitting);
    // The connection of a sitting closed: drop its analysis state.
    void close(std::int64_t sitting) override;
    // Records a room scan as owed by the sitting (unless one is owed or
    // running already), then asks its open connections for it.
    void request_room_scan(std::int64_t sitting, const std::string& reason) override;
    // A connection resumed the sitting: asks it again for a scan still owed
    // and not begun (asked for while the candidate was away).
    void remind_room_scan(std::int64_t sitting, std::shared_ptr<exam_peer> to) override;

    // PUT /api/candidates/{id}/photo (on a request worker): throws
    // proctor::photo_error when the photo shows no face or several, or is a
    // JPEG of more than proctor.max_jpeg_scans scans (refused undecoded). The
    // file of the photo it replaces is deleted once the new row is committed.
    void set_photo(std::int64_t candidate, std::string_view bytes);

    // Logs an event of a sitting (no violation).
    void log_event(std::int64_t sitting, std::int64_t t_ms, const std::string& kind, const std::string& detail,
                   const std::string& args = "") override;

    const std::filesystem::path& data_dir() const { return cfg_.data_dir; }
    std::uint64_t dropped() const { return dropped_; }
    std::uint64_t analysed() const { return analysed_; }

    // Counters since start (or the last reset): frames analysed and dropped,
    // the lag from a frame's arrival to its finding, CPU per frame.
    json stats(bool reset);

    void stop();

private:
    struct stream;
    struct cpu_budget;
    std::shared_ptr<stream> stream_of(std::int64_t sitting);
    std::shared_ptr<stream> find_stream(std::int64_t sitting) const;
    bool within_budget(stream& st);
    void expire_scan(stream& st, std::int64_t now_ms);
    void end_scan(stream& st, std::int64_t t_ms, const char* by);
    void run_frames(const std::shared_ptr<stream>& st);
    void analyse_frame(const std::shared_ptr<stream>& st, std::string jpeg, std::int64_t t_ms);
    void analyse_audio(const std::shared_ptr<stream>& st, std::string pcm, std::uint32_t rate, std::int64_t t_ms);
    // One audio finding into the recorded level and the noise policy (st.m held).
    void feed_audio(stream& st, const proctor::audio_finding& a);
    // Levels of consecutive windows, the first at t_ms or after the last ones (st.m held).
    void feed_levels(stream& st, std::uint32_t window_ms, const std::vector<std::uint8_t>& levels, std::int64_t t_ms);
    bool post_audio_work(const std::shared_ptr<stream>& st, std::function<void()> work);
    void note_link(stream& st, std::int64_t t_ms, bool frame);
    void load_reference(stream& st);
    // A finding of the analysis or the page: a violation (strike, warning, the
    // second ends the attempt) only when the programme counts its signal; else
    // an event with its evidence for the commission (camera_blocked: a
    // technical one, args {"technical": true}). Called under st.m.
    void on_finding(stream& st, const proctor::violation& v, const std::string& evidence_jpeg);
    void raise(std::int64_t sitting, const proctor::violation& v, const std::string& evidence_jpeg);
    void log_finding(std::int64_t sitting, const proctor::violation& v, const std::string& evidence_jpeg,
                     bool technical);
    // Writes a file under the data directory (synced); returns its relative path and SHA-256.
    std::pair<std::string, std::string> keep_file(const std::string& rel, std::string_view bytes);

    const server_config& cfg_;
    db_writer& writer_;
    db_readers& readers_;
    exam_service& exams_;
    sitting_hub& hub_;
    const exam::clock& clock_;
    logger& log_;
    boost::asio::thread_pool pool_;
    mutable std::mutex mutex_;
    std::unordered_map<std::int64_t, std::shared_ptr<stream>> streams_;
    // CPU budgets outlive their streams (guarded by mutex_): a reconnect does
    // not refill one. Forgotten once full again and unused.
    std::unordered_map<std::int64_t, std::shared_ptr<cpu_budget>> budgets_;
    std::uint64_t closes_ = 0;
    std::atomic<std::size_t> queued_{0};
    std::atomic<std::uint64_t> dropped_{0};
    std::atomic<std::uint64_t> analysed_{0};
    std::atomic<std::uint64_t> stale_{0};
    std::atomic<std::uint64_t> audio_dropped_{0};
    std::atomic<std::uint64_t> throttled_{0};
    std::atomic<bool> stopping_{false};
    // A frame that waited longer than this for its turn is skipped, not analysed.
    static constexpr std::int64_t stale_ms = 2000;
    static constexpr std::int64_t stream_event_ms = 30000;
    static constexpr double check_tolerance_db = 6, check_floor_dbfs = -50;
    static constexpr std::size_t max_frame_times = 1024;
    // Lag histogram: bucket i counts lags in [i*5 ms, (i+1)*5 ms) up to 60 s; the last is overflow.
    static constexpr std::size_t lag_buckets_ = 12001;
    std::mutex stats_mutex_;
    std::vector<std::uint64_t> lag_hist_ = std::vector<std::uint64_t>(lag_buckets_, 0);
    std::uint64_t lag_max_ms_ = 0;
    double cpu_ms_total_ = 0;
    std::uint64_t stat_frames_ = 0, stat_dropped_base_ = 0, stat_stale_base_ = 0;
    void record_lag(std::int64_t lag_ms, double cpu_ms);
    std::size_t streams_size() {
        std::lock_guard lock(mutex_);
        return streams_.size();
    }
};

}  // namespace tanu::server
