// The violation policy: runs of findings over seconds, never one frame.
#include <algorithm>
#include <cstdio>

#include "proctor/proctor.hpp"

namespace tanu::proctor {

namespace {

const char* kind_name(int k) {
    static const char* const names[] = {"no_face", "multiple_faces", "identity_mismatch", "movement",
                                        "camera_blocked", "noise"};
    return names[k];
}

std::string seconds(std::int64_t ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
    return buf;
}

// The args of a violation as JSON text: {"seconds": 6.0} and, when given, the
// kind's own figure already printed (e.g. "faces", "2"), rounded as the
// detail rounds them so both say the same.
std::string args_of(std::int64_t ms, const char* name = nullptr, const char* figure = nullptr) {
    char buf[96];
    if (name && figure)
        std::snprintf(buf, sizeof buf, "{\"seconds\":%.1f,\"%s\":%s}", static_cast<double>(ms) / 1000.0, name, figure);
    else
        std::snprintf(buf, sizeof buf, "{\"seconds\":%.1f}", static_cast<double>(ms) / 1000.0);
    return buf;
}

}  // namespace

int violation_policy::need_ms(kind_index k) const {
    switch (k) {
    case k_no_face: return cfg_.no_face_ms;
    case k_multiple: return cfg_.multiple_faces_ms;
    case k_identity: return cfg_.identity_ms;
    case k_movement: return cfg_.movement_ms;
    case k_blocked: return cfg_.camera_blocked_ms;
    case k_noise: return cfg_.noise_ms;
    case k_count: break;
    }
    return 0;
}

void violation_policy::step(run& r, seen s, std::int64_t t, std::int64_t window, std::int64_t chunk_ms, double value) {
    // A gap with no findings longer than the window, or time running backwards, ends the run.
    if (r.last >= 0 && (t < r.last || t - r.last > window + chunk_ms)) r = run{};
    if (s == seen::inactive) {
        r = run{};
        r.last = t;
        return;
    }
    if (s == seen::unknown) {
        r.prev_active = false;
        r.last = t;
        return;
    }
    if (r.start < 0) {
        r = run{};
        r.start = t;
        r.evidence_ms = chunk_ms;
        r.peak = value;
    } else {
        r.evidence_ms += chunk_ms > 0 ? chunk_ms : (r.prev_active ? t - r.last : 0);
        r.peak = std::max(r.peak, value);
    }
    ++r.count;
    r.prev_active = true;
    r.last = t;
}

bool violation_policy::due(kind_index k, std::int64_t t) const {
    const run& r = runs_[k];
    const int need = need_ms(k);
    if (need <= 0 || r.start < 0) return false;
    if (k != k_noise && r.count < 2) return false;  // never one frame
    if (r.evidence_ms < need) return false;
    return last_raised_[k] < 0 || t - last_raised_[k] >= cfg_.cooldown_ms;
}

violation violation_policy::raise(kind_index k, std::int64_t t, std::int64_t end_ms, std::int64_t evidence_t) {
    run& r = runs_[k];
    violation v;
    v.kind = kind_name(k);
    v.start_ms = r.start;
    v.duration_ms = end_ms - r.start;
    v.evidence_t_ms = evidence_t;
    const std::string span = seconds(r.evidence_ms);
    char buf[96], figure[32];
    switch (k) {
    case k_no_face:
        v.detail = "no face for " + span;
        v.args = args_of(r.evidence_ms);
        break;
    case k_multiple:
        std::snprintf(buf, sizeof buf, "%d faces", static_cast<int>(r.peak));
        v.detail = std::string(buf) + " for " + span;
        std::snprintf(figure, sizeof figure, "%d", static_cast<int>(r.peak));
        v.args = args_of(r.evidence_ms, "faces", figure);
        break;
    case k_identity:
        std::snprintf(buf, sizeof buf, "face unlike the ID photo (distance up to %.3f)", r.peak);
        v.detail = std::string(buf) + " for " + span;
        std::snprintf(figure, sizeof figure, "%.3f", r.peak);
        v.args = args_of(r.evidence_ms, "distance", figure);
        break;
    case k_movement:
        v.detail = "looking away or out of place for " + span;
        v.args = args_of(r.evidence_ms);
        break;
    case k_blocked:
        v.detail = "camera dark, dazzled or out of focus for " + span;
        v.args = args_of(r.evidence_ms);
        break;
    case k_noise:
        std::snprintf(buf, sizeof buf, "sound up to %.1f dBFS", r.peak);
        v.detail = std::string(buf) + " for " + span;
        std::snprintf(figure, sizeof figure, "%.1f", r.peak);
        v.args = args_of(r.evidence_ms, "dbfs", figure);
        break;
    case k_count: break;
    }
    last_raised_[k] = t;
    // What follows is a new run, starting with this finding.
    const bool frames = k != k_noise;
    r.start = frames ? t : end_ms;
    r.evidence_ms = 0;
    r.count = frames ? 1 : 0;
    return v;
}

std::optional<violation> violation_policy::on_frame(const frame_finding& f) {
    const std::int64_t t = f.t_ms;
    const bool judged = f.quality == frame_quality::ok && f.faces >= 0;
    auto state = [](bool known, bool active) { return !known ? seen::unknown : active ? seen::active : seen::inactive; };
    // During a room scan the camera turns away from the seat on purpose: an
    // empty seat, a face aside, a blurred picture say nothing then (paused,
    // not broken); a second person in the room still counts.
    const bool seat = !f.room_scan;
    step(runs_[k_no_face], state(judged && seat, f.faces == 0), t, cfg_.no_face_ms, 0, 0);
    step(runs_[k_multiple], state(judged, f.faces >= 2), t, cfg_.multiple_faces_ms, 0, f.faces);
    step(runs_[k_movement], state(judged && seat && f.faces >= 1, f.looking_away), t, cfg_.movement_ms, 0, f.offset);
    step(runs_[k_identity], state(seat && f.identity_match.has_value(), f.identity_match && !*f.identity_match), t,
         cfg_.identity_ms, 0, f.identity_distance.value_or(0));
    const bool unjudgeable = f.quality == frame_quality::too_dark || f.quality == frame_quality::too_bright ||
                             f.quality == frame_quality::blurred;
    step(runs_[k_blocked], state(seat && (unjudgeable || f.quality == frame_quality::ok), unjudgeable), t,
         cfg_.camera_blocked_ms, 0, 0);
    for (kind_index k : {k_no_face, k_multiple, k_identity, k_movement, k_blocked}) {
        if (due(k, t)) return raise(k, t, t, t);
    }
    return std::nullopt;
}

std::optional<violation> violation_policy::on_audio(const audio_finding& a) {
    const auto chunk = static_cast<std::int64_t>(a.seconds * 1000.0 + 0.5);
    step(runs_[k_noise], !a.valid ? seen::unknown : a.dbfs > cfg_.noise_dbfs ? seen::active : seen::inactive, a.t_ms,
         cfg_.noise_ms, std::max<std::int64_t>(chunk, 1), a.dbfs);
    if (due(k_noise, a.t_ms)) return raise(k_noise, a.t_ms, a.t_ms + chunk, 0);
    return std::nullopt;
}

}  // namespace tanu::proctor
