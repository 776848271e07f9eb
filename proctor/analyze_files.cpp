// `tanu proctor analyze FILE...`: one JSON object per line for each image, and
// for each analysed frame of a video (sampled at 2 frames a second, the rate
// candidates' browsers send; each line says so in "sampling").
#include <cmath>
#include <cstdio>
#include <fstream>

#include <opencv2/videoio.hpp>

#include "proctor/decode.hpp"
#include "proctor/proctor.hpp"

namespace tanu::proctor {

namespace {

constexpr std::int64_t video_sample_ms = 500;
constexpr std::size_t max_file_bytes = 256u * 1024 * 1024;

// JSON string: escapes quotes, backslashes and control characters; bytes that
// are not UTF-8 become U+FFFD so that the line stays valid JSON.
std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
            ++i;
        } else if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
        } else {
            const std::size_t n = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
            bool ok = n > 0 && i + n <= s.size();
            for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
            if (ok) {
                out.append(s, i, n);
                i += n;
            } else {
                out += "\\ufffd";
                ++i;
            }
        }
    }
    return out + "\"";
}

std::string json_number(double v) {
    if (!std::isfinite(v)) return "null";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

std::string finding_line(const std::string& file, std::int64_t frame, const frame_finding& f, const char* sampling) {
    std::string o = "{\"file\":" + json_string(file) + ",\"frame\":" + std::to_string(frame) +
                    ",\"t_ms\":" + std::to_string(f.t_ms) + ",\"faces\":" + std::to_string(f.faces) +
                    ",\"quality\":\"" + to_string(f.quality) + "\"";
    if (f.width > 0) {
        o += ",\"width\":" + std::to_string(f.width * f.scale) + ",\"height\":" + std::to_string(f.height * f.scale);
        o += ",\"boxes\":[";  // in pixels of the file
        for (std::size_t i = 0; i < f.boxes.size(); ++i) {
            const auto& b = f.boxes[i];
            if (i) o += ",";
            o += "[" + std::to_string(b.x * f.scale) + "," + std::to_string(b.y * f.scale) + "," +
                 std::to_string(b.w * f.scale) + "," + std::to_string(b.h * f.scale) + "]";
        }
        o += "],\"profile\":";
        o += !f.boxes.empty() && f.boxes.front().profile ? "true" : "false";
        o += ",\"full_scan\":";
        o += f.full_scan ? "true" : "false";
        o += ",\"brightness\":" + json_number(f.brightness) + ",\"sharpness\":" + json_number(f.sharpness) +
             ",\"motion\":" + json_number(f.motion) + ",\"offset\":" + json_number(f.offset) + ",\"looking_away\":";
        o += f.looking_away ? "true" : "false";
    }
    if (sampling) o += ",\"sampling\":" + json_string(sampling);
    return o + "}";
}

std::string error_line(const std::string& file, const std::string& what) {
    return "{\"file\":" + json_string(file) + ",\"error\":" + json_string(what) + "}";
}

bool read_file(const std::string& path, std::vector<std::uint8_t>& out, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open the file";
        return false;
    }
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg()));
    if (size > max_file_bytes) {
        error = "file too large";
        return false;
    }
    in.seekg(0);
    out.resize(size);
    in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(size));
    if (!in) {
        error = "cannot read the file";
        return false;
    }
    return true;
}

bool looks_like_image(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::uint8_t head[8] = {};
    in.read(reinterpret_cast<char*>(head), sizeof head);
    return probe_image(std::span<const std::uint8_t>(head, static_cast<std::size_t>(in.gcount()))).format !=
           image_format::unknown;
}

}  // namespace

int analyze_files(const std::vector<std::string>& files, std::ostream& out, std::ostream& err,
                  const proctor_config& cfg) {
    int rc = 0;
    std::unique_ptr<face_detector> det;
    try {
        det = std::make_unique<face_detector>(cfg);
    } catch (const std::exception& e) {
        err << "tanu proctor: " << e.what() << "\n";
        return 1;
    }
    for (const auto& file : files) {
        try {
            std::ifstream probe(file, std::ios::binary);
            if (!probe) {
                out << error_line(file, "cannot open the file") << "\n";
                rc = 1;
                continue;
            }
            if (looks_like_image(file)) {
                // Each image on its own, as the server would see it as a first frame.
                std::vector<std::uint8_t> bytes;
                std::string error;
                if (!read_file(file, bytes, error)) {
                    out << error_line(file, error) << "\n";
                    rc = 1;
                    continue;
                }
                frame_analyzer a(cfg);
                out << finding_line(file, 0, a.analyze_image(bytes, 0, *det), nullptr) << "\n";
                continue;
            }
            cv::VideoCapture cap(file, cv::CAP_FFMPEG);
            if (!cap.isOpened()) cap.open(file, cv::CAP_ANY);
            if (!cap.isOpened()) {
                out << error_line(file, "not a readable image (JPEG, PNG) or video") << "\n";
                rc = 1;
                continue;
            }
            // A video is one stream: one analyzer, tracking between full scans.
            proctor_config vcfg = cfg;
            vcfg.max_width = std::max(cfg.max_width, 8192);
            vcfg.max_height = std::max(cfg.max_height, 8192);
            frame_analyzer a(vcfg);
            double fps = cap.get(cv::CAP_PROP_FPS);
            if (!(fps > 0 && fps < 1000)) fps = 25;
            std::int64_t index = 0, next_t = 0, lines = 0;
            cv::Mat frame;
            while (cap.grab()) {
                const auto t = static_cast<std::int64_t>(std::llround(static_cast<double>(index) * 1000.0 / fps));
                if (t >= next_t) {
                    if (!cap.retrieve(frame)) break;
                    out << finding_line(file, index, a.analyze(frame, t, *det), "2 fps") << "\n";
                    ++lines;
                    next_t += video_sample_ms;
                    while (next_t <= t) next_t += video_sample_ms;
                }
                ++index;
            }
            if (lines == 0) {
                out << error_line(file, "the video has no readable frames") << "\n";
                rc = 1;
            }
        } catch (const std::exception& e) {
            out << error_line(file, e.what()) << "\n";
            rc = 1;
        }
    }
    out.flush();
    return rc;
}

}  // namespace tanu::proctor
