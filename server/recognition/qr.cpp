#include "server/recognition/qr.hpp"

#include <memory>
#include <stdexcept>
#include <string>

#include <qrencode.h>

namespace tanu::server {

qr_matrix make_qr(const std::string& text) {
    if (text.empty()) throw std::runtime_error("QR: nothing to encode");
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(text.size()),
                          reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code) throw std::runtime_error("QR: cannot encode " + std::to_string(text.size()) + " bytes");
    qr_matrix m;
    m.size = code->width;
    const auto n = static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size);
    m.dark.resize(n);
    // libqrencode: one byte per module, the lowest bit set for a dark module.
    for (std::size_t i = 0; i < n; ++i) m.dark[i] = (code->data[i] & 1) != 0;
    return m;
}

std::string qr_svg(const qr_matrix& m, int module_px, int quiet_modules) {
    if (module_px < 1) throw std::invalid_argument("QR SVG: module size must be at least 1 px");
    if (quiet_modules < 0) throw std::invalid_argument("QR SVG: negative quiet zone");
    const int side = m.size + 2 * quiet_modules;
    const std::string s = std::to_string(side);
    const std::string px = std::to_string(side * module_px);
    std::string out;
    out.reserve(64 + static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size) * 3);
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + s + " " + s + "\" width=\"" +
           px + "\" height=\"" + px +
           "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\">";
    out += "<rect width=\"" + s + "\" height=\"" + s + "\" fill=\"#fff\"/>";
    out += "<path fill=\"#000\" d=\"";
    // One rectangle per horizontal run of dark modules.
    for (int y = 0; y < m.size; ++y) {
        int x = 0;
        while (x < m.size) {
            if (!m.at(x, y)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < m.size && m.at(x + run, y)) ++run;
            out += "M" + std::to_string(x + quiet_modules) + " " + std::to_string(y + quiet_modules) +
                   "h" + std::to_string(run) + "v1h-" + std::to_string(run) + "z";
            x += run;
        }
    }
    out += "\"/></svg>";
    return out;
}

}  // namespace tanu::server
