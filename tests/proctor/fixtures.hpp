#pragma once
// Where the generated fixture images are (TANU_FIXTURES, set by ctest; written
// by tests/fixtures/make_proctor_fixtures.py), and small helpers to read them.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace tanu::proctor::test {

inline std::string fixture(const std::string& name) {
    const char* dir = std::getenv("TANU_FIXTURES");
    if (!dir || !*dir) throw std::runtime_error("TANU_FIXTURES is not set (run through ctest)");
    return std::string(dir) + "/" + name;
}

inline std::vector<std::uint8_t> fixture_bytes(const std::string& name) {
    std::ifstream in(fixture(name), std::ios::binary);
    if (!in) throw std::runtime_error("missing fixture " + name);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string frame_name(const char* seq, int i) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s_%03d.jpg", seq, i);
    return buf;
}

}  // namespace tanu::proctor::test
