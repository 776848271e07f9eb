#pragma once
// Face descriptor for the identity check: uniform LBP histograms over a grid of
// the grey face crop, compared with the chi-square distance (Ahonen et al.
// 2006, the classical method; OpenCV's LBPH recognizer is the same idea).
// No DNN model: Debian ships none for cv::FaceRecognizerSF.
#include <vector>

#include <opencv2/core/mat.hpp>

namespace tanu::proctor {

struct identity_tuning {
    int size = 64;       // the crop is resized to size x size
    int grid = 3;        // grid x grid cells, one histogram each
    int radius = 2;      // LBP radius (8 neighbours)
    double blur = 0.8;   // Gaussian sigma before LBP (noise, JPEG blocks); 0: none
    double inner = 1.0;  // central fraction of the detector's box that is used
};

// The descriptor of a grey face crop (the detector's box).
std::vector<float> face_descriptor(const cv::Mat& grey_face, const identity_tuning& t = {});
// Mean chi-square distance of the cell histograms: 0 same, up to 2.
double descriptor_distance(const std::vector<float>& a, const std::vector<float>& b);

// The measured default threshold (docs/performance.md): distances above it are
// a mismatch.
inline constexpr double default_identity_threshold = 0.36;

}  // namespace tanu::proctor
