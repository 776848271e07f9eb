#pragma once
// Can this frame be judged at all? Too dark, too bright or too blurred frames
// are indeterminate: the analysis never accuses on them.
#include <opencv2/core/mat.hpp>

#include "proctor/findings.hpp"
#include "proctor/proctor.hpp"

namespace tanu::proctor {

struct quality_measure {
    double brightness = 0;  // mean grey level
    double sharpness = 0;   // variance of the Laplacian
    frame_quality quality = frame_quality::ok;
};

quality_measure measure_quality(const cv::Mat& grey, const proctor_config& cfg);

}  // namespace tanu::proctor
