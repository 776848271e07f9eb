#include "proctor/quality.hpp"

#include <opencv2/imgproc.hpp>

namespace tanu::proctor {

quality_measure measure_quality(const cv::Mat& grey, const proctor_config& cfg) {
    quality_measure q;
    if (grey.empty()) {
        q.quality = frame_quality::corrupt;
        return q;
    }
    q.brightness = cv::mean(grey)[0];
    cv::Mat lap;
    cv::Laplacian(grey, lap, CV_16S);
    cv::Scalar mean, dev;
    cv::meanStdDev(lap, mean, dev);
    q.sharpness = dev[0] * dev[0];
    if (q.brightness < cfg.min_brightness) {
        q.quality = frame_quality::too_dark;
    } else if (q.brightness > cfg.max_brightness) {
        q.quality = frame_quality::too_bright;
    } else if (q.sharpness < cfg.min_sharpness) {
        q.quality = frame_quality::blurred;
    }
    return q;
}

}  // namespace tanu::proctor
