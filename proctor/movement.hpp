#pragma once
// Movement: frame differencing on small thumbnails, and where the candidate's
// head usually is (a slowly adapting reference) to tell looking away or
// leaning out of the picture from ordinary fidgeting.
#include <cstdint>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "proctor/findings.hpp"
#include "proctor/proctor.hpp"

namespace tanu::proctor {

class motion_meter {
public:
    // Takes the next analysed grey frame; returns the fraction of the picture
    // that changed since the previous one (0..1).
    double push(const cv::Mat& grey);
    // Fraction changed since the last set_reference(), leaving out the area of
    // the faces and the bodies below them (the candidate's own movement).
    // `where` receives the bounding box of the change (pixels of the analysed frame).
    double change_since_reference(const std::vector<face_box>& faces, face_box* where = nullptr) const;
    void set_reference();
    void reset();

private:
    double changed(const cv::Mat& a, const cv::Mat& b, const cv::Mat& mask, face_box* where = nullptr) const;
    cv::Mat prev_, cur_, ref_;
    double to_thumb_ = 1;  // thumbnail px per analysed px
};

struct head_state {
    double offset = 0;  // face centre's distance from the usual place, in face widths
    bool looking_away = false;
};

class head_tracker {
public:
    // Which of the faces is the candidate: the one nearest the usual place
    // (the biggest while there is none). faces must not be empty.
    std::size_t pick(const std::vector<face_box>& faces) const;
    head_state update(const face_box& face, std::int64_t t_ms, int frame_w, int frame_h, const proctor_config& cfg);
    void reset() { seen_ = 0; }

private:
    int seen_ = 0;
    double cx_ = 0, cy_ = 0, w_ = 0;
    std::int64_t last_t_ = 0;
};

}  // namespace tanu::proctor
