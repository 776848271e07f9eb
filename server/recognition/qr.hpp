#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace tanu::server {

// A QR code's modules, row by row, without the quiet zone.
struct qr_matrix {
    int size = 0;            // modules per side: 21 + 4 * (version - 1)
    std::vector<bool> dark;  // size * size, row-major
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x]; }
};

// Encodes text as a QR code in 8-bit (byte) mode, error correction M, the
// smallest version that fits. Throws std::runtime_error on failure (e.g. empty
// or too long text).
qr_matrix make_qr(const std::string& text);

// A standalone <svg> element (no XML prolog): a white background, a viewBox in
// modules including the quiet zone, width/height of module_px per module, and one
// <path> of the dark modules. Throws std::invalid_argument on module_px < 1 or
// quiet_modules < 0.
std::string qr_svg(const qr_matrix& m, int module_px = 4, int quiet_modules = 4);

}  // namespace tanu::server
