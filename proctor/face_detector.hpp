#pragma once
// Tuning of face_detector (proctor.hpp). The defaults are the measured choice
// (docs/performance.md, "Proctoring: analysis accuracy and cost"); the other
// values exist so that tests/proctor/proctor_eval can measure the alternatives.
#include <string>

namespace tanu::proctor {

struct detector_tuning {
    // Cascade files under proctor_config::cascade_dir; "" switches a stage off.
    std::string frontal = "lbpcascades/lbpcascade_frontalface.xml";          // every scan
    std::string verify = "haarcascades/haarcascade_frontalface_alt.xml";     // confirms extra faces, retries
    std::string profile = "haarcascades/haarcascade_profileface.xml";        // turned heads
    double scale_factor = 1.1;
    int min_neighbors = 3;
    int min_face = 0;            // smallest face scanned, px of the scanned image; 0: the cascade's window
    bool verify_extra = true;    // a second, third... face must be confirmed by `verify`
    bool retry_verify = false;   // no face: scan again with `verify` (a Haar cascade misses other faces than LBP)
    double retry_angle = 25;     // no face: scan the picture rotated by +-this (tilted heads); 0: off
    bool retry_profile = true;   // no face: profile cascade, both directions
    int retry_min_face = 40;     // smallest face the retries look for, px of the scanned image (the
                                 // candidate's own head; they are what makes an empty room expensive)
    int track_face_px = 32;      // tracking scales the search area so that the face is about this big
    double track_scale_factor = 1.1;   // tracking's first, LBP pass (1.15 measured: more retries, twice the cost)
    double extra_scale_factor = 1.2;   // the periodic search for other faces while the known ones are tracked
};

}  // namespace tanu::proctor
