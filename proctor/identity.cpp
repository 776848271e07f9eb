#include "proctor/identity.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include <opencv2/imgproc.hpp>

#include "proctor/decode.hpp"
#include "proctor/proctor.hpp"

namespace tanu::proctor {

namespace {

constexpr int lbp_bins = 59;  // 58 uniform patterns and one for all others

std::array<std::uint8_t, 256> uniform_table() {
    std::array<std::uint8_t, 256> t{};
    int next = 0;
    for (int code = 0; code < 256; ++code) {
        int transitions = 0;
        for (int b = 0; b < 8; ++b) transitions += ((code >> b) & 1) != ((code >> ((b + 1) % 8)) & 1);
        t[static_cast<std::size_t>(code)] = static_cast<std::uint8_t>(transitions <= 2 ? next++ : lbp_bins - 1);
    }
    return t;
}

const std::array<std::uint8_t, 256>& uniform() {
    static const std::array<std::uint8_t, 256> t = uniform_table();
    return t;
}

}  // namespace

std::vector<float> face_descriptor(const cv::Mat& face, const identity_tuning& t) {
    cv::Mat g;
    if (face.channels() == 3) {
        cv::cvtColor(face, g, cv::COLOR_BGR2GRAY);
    } else {
        g = face;
    }
    if (t.inner < 1.0) {
        const int w = static_cast<int>(g.cols * t.inner), h = static_cast<int>(g.rows * t.inner);
        g = g(cv::Rect((g.cols - w) / 2, (g.rows - h) / 2, std::max(1, w), std::max(1, h)));
    }
    const int r = t.radius, n = t.size + 2 * r;
    cv::Mat img;
    cv::resize(g, img, cv::Size(n, n), 0, 0, g.cols > n ? cv::INTER_AREA : cv::INTER_LINEAR);
    if (t.blur > 0) cv::GaussianBlur(img, img, cv::Size(), t.blur);
    const auto& table = uniform();
    const int cells = t.grid, cell = t.size / cells;
    std::vector<float> hist(static_cast<std::size_t>(cells * cells * lbp_bins), 0.f);
    static constexpr int dx[8] = {-1, 0, 1, 1, 1, 0, -1, -1};
    static constexpr int dy[8] = {-1, -1, -1, 0, 1, 1, 1, 0};
    for (int y = 0; y < cells * cell; ++y) {
        const int cy = std::min(cells - 1, y / cell);
        for (int x = 0; x < cells * cell; ++x) {
            const int cx = std::min(cells - 1, x / cell);
            const std::uint8_t c = img.at<std::uint8_t>(y + r, x + r);
            int code = 0;
            for (int k = 0; k < 8; ++k) code |= (img.at<std::uint8_t>(y + r + dy[k] * r, x + r + dx[k] * r) >= c) << k;
            hist[static_cast<std::size_t>((cy * cells + cx) * lbp_bins + table[static_cast<std::size_t>(code)])] += 1.f;
        }
    }
    const float per_cell = static_cast<float>(cell * cell);
    for (auto& v : hist) v /= per_cell;
    return hist;
}

double descriptor_distance(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size() || a.empty()) return 2.0;
    double d = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double s = a[i] + b[i];
        if (s > 0) d += (a[i] - b[i]) * (a[i] - b[i]) / s;
    }
    return d / (static_cast<double>(a.size()) / lbp_bins);
}

struct identity_reference::data {
    std::vector<float> descriptor;
};

namespace {
constexpr char blob_magic[8] = {'T', 'A', 'N', 'U', 'I', 'D', '1', '\0'};
}

identity_reference identity_reference::from_image(std::span<const std::uint8_t> bytes, face_detector& det,
                                                  const proctor_config& cfg) {
    decode_limits limits;
    limits.max_bytes = cfg.max_photo_bytes;
    limits.max_width = cfg.max_photo_side;
    limits.max_height = cfg.max_photo_side;
    limits.max_analysis_width = 640;
    limits.max_scans = cfg.max_jpeg_scans;
    const decoded_image img = decode_grey(bytes, limits);
    if (img.too_many_scans) {
        // Refused before decoding: each scan is a pass over the whole picture (a "scan bomb").
        throw photo_error("too_many_scans", "the photo is a JPEG with more than " +
                                                std::to_string(cfg.max_jpeg_scans) +
                                                " scans; no camera writes that many: save it again as a plain JPEG");
    }
    if (img.status == frame_quality::too_large) {
        throw photo_error("too_large", "the photo is larger than " + std::to_string(cfg.max_photo_bytes) +
                                           " bytes or " + std::to_string(cfg.max_photo_side) + " pixels a side");
    }
    if (img.status != frame_quality::ok) throw photo_error("unreadable", "the photo is not a readable JPEG or PNG");
    const double brightness = cv::mean(img.grey)[0];
    if (brightness < cfg.min_brightness || brightness > cfg.max_brightness) {
        throw photo_error("poor_quality", "the photo is too dark or too bright to compare faces");
    }
    auto faces = det.detect(img.grey);
    std::erase_if(faces, [](const face_box& f) { return f.profile; });  // an ID photo shows the face from the front
    if (faces.empty()) throw photo_error("no_face", "no face was found in the photo");
    // Another face counts when it is at least a third the size of the biggest:
    // a printed badge or a picture on the wall behind is not a second person.
    const int biggest = std::max_element(faces.begin(), faces.end(), [](auto& a, auto& b) { return a.w < b.w; })->w;
    const auto people = std::count_if(faces.begin(), faces.end(), [&](const face_box& f) { return f.w * 3 >= biggest; });
    if (people > 1) throw photo_error("multiple_faces", "the photo shows " + std::to_string(people) + " faces");
    const auto& f = *std::max_element(faces.begin(), faces.end(), [](auto& a, auto& b) { return a.w < b.w; });
    const cv::Rect box = cv::Rect(f.x, f.y, f.w, f.h) & cv::Rect(0, 0, img.grey.cols, img.grey.rows);
    auto d = std::make_shared<data>();
    d->descriptor = face_descriptor(img.grey(box));
    identity_reference ref;
    ref.data_ = std::move(d);
    return ref;
}

std::string identity_reference::to_blob() const {
    std::string out(blob_magic, sizeof blob_magic);
    const std::uint32_t n = data_ ? static_cast<std::uint32_t>(data_->descriptor.size()) : 0;
    out.append(reinterpret_cast<const char*>(&n), sizeof n);
    if (n) out.append(reinterpret_cast<const char*>(data_->descriptor.data()), n * sizeof(float));
    return out;
}

identity_reference identity_reference::from_blob(const std::string& blob) {
    std::uint32_t n = 0;
    if (blob.size() < sizeof blob_magic + sizeof n || std::memcmp(blob.data(), blob_magic, sizeof blob_magic) != 0) {
        throw std::runtime_error("identity reference: not a Tanu face descriptor");
    }
    std::memcpy(&n, blob.data() + sizeof blob_magic, sizeof n);
    if (n == 0 || blob.size() != sizeof blob_magic + sizeof n + std::size_t{n} * sizeof(float)) {
        throw std::runtime_error("identity reference: truncated face descriptor");
    }
    auto d = std::make_shared<data>();
    d->descriptor.resize(n);
    std::memcpy(d->descriptor.data(), blob.data() + sizeof blob_magic + sizeof n, n * sizeof(float));
    identity_reference ref;
    ref.data_ = std::move(d);
    return ref;
}

double identity_reference::distance(const cv::Mat& grey_face) const {
    if (!data_ || grey_face.empty()) return 2.0;
    return descriptor_distance(data_->descriptor, face_descriptor(grey_face));
}

double identity_reference::threshold(const proctor_config& cfg) const {
    return cfg.identity_threshold > 0 ? cfg.identity_threshold : default_identity_threshold;
}

}  // namespace tanu::proctor
