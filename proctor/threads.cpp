#include <opencv2/core/utility.hpp>

#include "proctor/proctor.hpp"

namespace tanu::proctor {

void use_single_thread() { cv::setNumThreads(0); }

}  // namespace tanu::proctor
