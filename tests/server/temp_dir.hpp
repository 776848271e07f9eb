#pragma once
// A fresh directory under the system's temp directory, removed with everything
// in it when the object goes (tests of server/ parts that write files).
#include <filesystem>
#include <random>
#include <string>
#include <system_error>

namespace tanu_test {

struct temp_dir {
    std::filesystem::path path;

    explicit temp_dir(const std::string& prefix = "tanu-test-") {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() / (prefix + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
};

}  // namespace tanu_test
