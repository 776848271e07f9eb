#include "server/recognition/document_render.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <cairo-pdf.h>
#include <cairo.h>

#include "server/recognition/qr.hpp"

namespace tanu::server {

namespace {

// ---------------------------------------------------------------- labels

struct label {
    const char* kk;
    const char* ru;
};

constexpr label l_title{"Кәсіптік біліктілікті тану туралы құжат",
                        "Документ о признании профессиональной квалификации"};
constexpr label l_centre_no{"Орталық №", "Центр №"};
constexpr label l_holder{"Берілді", "Выдан"};
constexpr label l_iin{"ЖСН", "ИИН"};
constexpr label l_confirms{"Осы құжат иесінің кәсіп бойынша біліктілігін растайды",
                           "Настоящий документ подтверждает квалификацию владельца по профессии"};
constexpr label l_profession{"Кәсібі", "Профессия"};
constexpr label l_programme{"Бағдарлама коды", "Код программы"};
constexpr label l_level{"Біліктілік деңгейі (ҰБШ)", "Уровень квалификации (НРК)"};
constexpr label l_procedure{"Тану рәсімінің күні", "Дата процедуры признания"};
constexpr label l_issued{"Берілген күні", "Дата выдачи"};
constexpr label l_valid{"Жарамдылық мерзімі", "Действителен до"};
constexpr label l_code{"Құжат нөмірі", "Номер документа"};
constexpr label l_verify{"Тексеру", "Проверить"};
constexpr label l_check{"Тексеру коды", "Код проверки"};
constexpr label l_head{"Орталық басшысы", "Руководитель центра"};
constexpr label l_signature{"қолы", "подпись"};
constexpr label l_stamp{"М.О.", "М.П."};
constexpr label l_reason{"Себебі", "Причина"};
constexpr const char* revoked_banner = "REVOKED / ОТОЗВАН / КЕРІ ҚАЙТАРЫЛДЫ";
// Appendix 2: not a document until the head of the centre has signed it.
constexpr const char* unsigned_banner = "NOT SIGNED / ҚОЛ ҚОЙЫЛМАҒАН / НЕ ПОДПИСАН";

struct langs {
    bool kk_first;
    std::string first(const label& l) const { return kk_first ? l.kk : l.ru; }
    std::string second(const label& l) const { return kk_first ? l.ru : l.kk; }
    std::string both(const label& l) const { return first(l) + " / " + second(l); }
};

langs langs_of(const document_view& d) { return langs{d.lang == "kk"}; }

// ---------------------------------------------------------------- values

// YYYY-MM-DD -> DD.MM.YYYY; anything else is shown as given ("—" when empty).
std::string dotted_date(const std::string& iso) {
    if (iso.empty()) return "—";
    auto digit = [&](std::size_t i) { return iso[i] >= '0' && iso[i] <= '9'; };
    if (iso.size() == 10 && iso[4] == '-' && iso[7] == '-' && digit(0) && digit(1) && digit(2) &&
        digit(3) && digit(5) && digit(6) && digit(8) && digit(9))
        return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
    return iso;
}

// Only the last 4 characters of the IIN; empty when there is nothing to show.
std::string masked_iin(const std::string& iin) {
    if (iin.size() < 4) return {};
    return std::string(8, '*') + iin.substr(iin.size() - 4);
}

std::string centre_no(int n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", n);
    return buf;
}

std::string level_text(int level) { return level > 0 ? std::to_string(level) : "—"; }

std::string or_dash(const std::string& s) { return s.empty() ? "—" : s; }

bool revoked(const document_view& d) { return d.status == "revoked"; }
bool not_valid(const document_view& d) { return d.status == "revoked" || d.status == "pending_signature"; }
const char* banner_of(const document_view& d) { return revoked(d) ? revoked_banner : unsigned_banner; }

// ---------------------------------------------------------------- HTML

std::string esc(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

bool is_http_url(const std::string& u) {
    return u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0;
}

constexpr const char* html_css = R"css(
*{box-sizing:border-box}
html{background:#e9ecef}
body{margin:0;padding:24px 0;font-family:"DejaVu Sans","Noto Sans",Arial,sans-serif;color:#1a1a1a}
.doc{position:relative;width:210mm;min-height:297mm;margin:0 auto;padding:18mm 18mm 16mm;background:#fff;
 border:1px solid #c8ccd0;box-shadow:0 2px 10px rgba(0,0,0,.12)}
.frame{border:3px double #1d3f6e;min-height:calc(297mm - 34mm);padding:10mm 10mm 8mm;display:flex;flex-direction:column}
header{text-align:center;margin-bottom:6mm}
h1{font-size:19px;margin:0 0 4px;color:#1d3f6e;line-height:1.3}
.title2{font-size:14px;margin:0;color:#555;line-height:1.3}
.centre{text-align:center;font-weight:bold;font-size:15px;margin:0 0 2px;overflow-wrap:anywhere}
.centre-no{text-align:center;font-size:12px;color:#555;margin:0 0 6mm}
.banner{border:2px solid #b00020;background:#fdecee;color:#b00020;padding:10px 14px;margin:0 0 6mm;text-align:center}
.banner strong{display:block;font-size:18px;letter-spacing:.5px}
.banner .reason{margin-top:4px;font-size:13px;color:#7a0016;overflow-wrap:anywhere}
.confirms{font-size:13px;color:#333;margin:2mm 0 2mm;font-style:italic}
dl{display:grid;grid-template-columns:62mm 1fr;gap:3mm 5mm;margin:0 0 6mm}
dt{font-size:12px;font-weight:bold;color:#333}
dt .alt{display:block;font-weight:normal;color:#777;font-size:11px}
dd{margin:0;font-size:15px;overflow-wrap:anywhere}
dd.holder{font-size:18px;font-weight:bold}
dd .iin{font-size:12px;font-weight:normal;color:#555;margin-top:2px}
.code{text-align:center;margin:2mm 0 6mm}
.code .lbl{font-size:12px;color:#555}
.code .value{font-family:"DejaVu Sans Mono","Liberation Mono",Consolas,monospace;font-size:22px;font-weight:bold;
 letter-spacing:1px;margin-top:4px;overflow-wrap:anywhere}
.code .check-lbl{margin-top:3mm}
.code .value.check{font-size:16px}
.bottom{margin-top:auto;display:flex;justify-content:space-between;align-items:flex-end;gap:8mm}
figure.qr{margin:0;max-width:70mm}
figure.qr svg{display:block;width:38mm;height:38mm}
figcaption{font-size:11px;color:#444;margin-top:2px;overflow-wrap:anywhere}
figcaption a{color:#1d3f6e}
.sign{flex:1;max-width:90mm;font-size:12px}
.sign .head-lbl{font-weight:bold;color:#333}
.sign .head{font-size:14px;margin:2px 0 12mm;overflow-wrap:anywhere}
.sign .line{border-top:1px solid #333;padding-top:2px;color:#666;font-size:11px;display:flex;justify-content:space-between}
.revoked .frame{border-color:#b00020}
@media screen and (max-width:840px){body{padding:0}.doc{width:auto;min-height:0;padding:3mm;border:0;box-shadow:none}
 .frame{min-height:0;padding:5mm}dl{grid-template-columns:1fr;gap:1mm}dd{margin-bottom:2mm}.bottom{flex-wrap:wrap}}
@page{size:A4 portrait;margin:0}
@media print{html{background:#fff}body{padding:0}.doc{border:0;box-shadow:none;margin:0}}
)css";

}  // namespace

std::string render_document_html(const document_view& d) {
    const langs L = langs_of(d);
    const qr_matrix qr = make_qr(d.verify_url.empty() ? d.code : d.verify_url);
    const std::string lang = L.kk_first ? "kk" : "ru";

    auto row = [&](const label& l, const std::string& value, const char* dd_class = nullptr,
                   const std::string& extra_html = {}) {
        std::string r = "<dt>" + esc(L.first(l)) + "<span class=\"alt\">" + esc(L.second(l)) + "</span></dt>";
        r += dd_class ? std::string("<dd class=\"") + dd_class + "\">" : std::string("<dd>");
        r += esc(value) + extra_html + "</dd>\n";
        return r;
    };

    std::string h;
    h.reserve(16384);
    h += "<!DOCTYPE html>\n<html lang=\"" + lang + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    h += "<meta name=\"robots\" content=\"noindex\">\n";
    h += "<title>" + esc(L.first(l_title)) + " " + esc(d.code) + "</title>\n";
    h += "<style>" + std::string(html_css) + "</style>\n</head>\n<body>\n";
    h += std::string("<main class=\"doc") + (not_valid(d) ? " revoked" : "") + "\">\n<div class=\"frame\">\n";

    h += "<header>\n<h1>" + esc(L.first(l_title)) + "</h1>\n";
    h += "<p class=\"title2\" lang=\"" + std::string(L.kk_first ? "ru" : "kk") + "\">" + esc(L.second(l_title)) +
         "</p>\n</header>\n";

    if (not_valid(d)) {
        h += "<div class=\"banner\" role=\"alert\"><strong>" + esc(banner_of(d)) + "</strong>";
        if (!d.revoked_reason.empty())
            h += "<div class=\"reason\">" + esc(L.both(l_reason)) + ": " + esc(d.revoked_reason) + "</div>";
        h += "</div>\n";
    }

    h += "<p class=\"centre\">" + esc(or_dash(d.centre_name)) + "</p>\n";
    h += "<p class=\"centre-no\">" + esc(L.first(l_centre_no)) + " " + centre_no(d.centre_number) + " / " +
         esc(L.second(l_centre_no)) + " " + centre_no(d.centre_number) + "</p>\n";

    h += "<dl>\n";
    const std::string iin = masked_iin(d.holder_iin);
    h += row(l_holder, or_dash(d.holder), "holder",
             iin.empty() ? std::string() : "<div class=\"iin\">" + esc(L.both(l_iin)) + ": " + esc(iin) + "</div>");
    h += "</dl>\n";
    h += "<p class=\"confirms\">" + esc(L.first(l_confirms)) + " / " + esc(L.second(l_confirms)) + ":</p>\n";
    h += "<dl>\n";
    h += row(l_profession, or_dash(d.profession));
    if (!d.programme_code.empty()) h += row(l_programme, d.programme_code);
    h += row(l_level, level_text(d.nqf_level));
    h += row(l_procedure, dotted_date(d.procedure_date));
    h += row(l_issued, dotted_date(d.issued));
    h += row(l_valid, dotted_date(d.valid_until));
    h += "</dl>\n";

    h += "<section class=\"code\"><div class=\"lbl\">" + esc(L.both(l_code)) + "</div><div class=\"value\">" +
         esc(d.code) + "</div>";
    if (!d.check_value.empty())
        h += "<div class=\"lbl check-lbl\">" + esc(L.both(l_check)) + "</div><div class=\"value check\">" +
             esc(d.check_value) + "</div>";
    h += "</section>\n";

    h += "<div class=\"bottom\">\n<figure class=\"qr\">" + qr_svg(qr, 4, 4);
    h += "<figcaption>" + esc(L.both(l_verify)) + ": ";
    if (is_http_url(d.verify_url))
        h += "<a href=\"" + esc(d.verify_url) + "\">" + esc(d.verify_url) + "</a>";
    else
        h += esc(or_dash(d.verify_url));
    h += "</figcaption></figure>\n";
    h += "<div class=\"sign\"><div class=\"head-lbl\">" + esc(L.both(l_head)) + "</div>";
    h += "<div class=\"head\">" + esc(or_dash(d.centre_head)) + "</div>";
    h += "<div class=\"line\"><span>" + esc(L.both(l_signature)) + "</span><span>" + esc(L.both(l_stamp)) +
         "</span></div></div>\n</div>\n";

    h += "</div>\n</main>\n</body>\n</html>\n";
    return h;
}

// ---------------------------------------------------------------- PDF

namespace {

constexpr double page_w = 595.28;  // A4 in points
constexpr double page_h = 841.89;
constexpr double margin = 62.0;    // text area inside the frame
constexpr double bottom_limit = page_h - 58.0;

const char* const sans = "DejaVu Sans";
const char* const mono = "DejaVu Sans Mono";

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    auto* out = static_cast<std::string*>(closure);
    try {
        out->append(reinterpret_cast<const char*>(data), length);
    } catch (...) {
        return CAIRO_STATUS_NO_MEMORY;
    }
    return CAIRO_STATUS_SUCCESS;
}

struct rgb {
    double r, g, b;
};
constexpr rgb ink{0.10, 0.10, 0.10};
constexpr rgb grey{0.40, 0.40, 0.40};
constexpr rgb navy{0.114, 0.247, 0.431};
constexpr rgb red{0.69, 0.0, 0.125};

// Byte length of the UTF-8 sequence starting with c.
std::size_t utf8_len(unsigned char c) {
    if (c < 0x80) return 1;
    if ((c >> 5) == 0x6) return 2;
    if ((c >> 4) == 0xE) return 3;
    if ((c >> 3) == 0x1E) return 4;
    return 1;
}

// Draws on one cairo context, top to bottom, with word wrapping.
class pdf_writer {
public:
    explicit pdf_writer(cairo_t* cr) : cr_(cr) {}

    void font(const char* family, double size, bool bold = false, bool italic = false) {
        cairo_select_font_face(cr_, family, italic ? CAIRO_FONT_SLANT_OBLIQUE : CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr_, size);
        size_ = size;
    }
    void colour(const rgb& c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }

    double width_of(const std::string& s) {
        cairo_text_extents_t e;
        cairo_text_extents(cr_, s.c_str(), &e);
        return e.x_advance;
    }

    // Greedy word wrap; a word wider than the line is broken between characters.
    std::vector<std::string> wrap(const std::string& text, double max_w) {
        std::vector<std::string> lines;
        std::string line;
        std::size_t i = 0;
        while (i <= text.size()) {
            std::size_t j = text.find(' ', i);
            if (j == std::string::npos) j = text.size();
            std::string word = text.substr(i, j - i);
            i = j + 1;
            if (word.empty()) {
                if (j >= text.size()) break;
                continue;
            }
            std::string candidate = line.empty() ? word : line + " " + word;
            if (width_of(candidate) <= max_w) {
                line = std::move(candidate);
            } else {
                if (!line.empty()) lines.push_back(line);
                line.clear();
                // Break an over-long word (a URL) by characters, after a '/',
                // '?', '&' or '=' where one is on the line (not after '-': text
                // extractors join a line ending in '-' to the next).
                std::string piece;
                std::size_t soft = 0;  // bytes of `piece` up to its last break opportunity
                for (std::size_t k = 0; k < word.size();) {
                    std::size_t n = std::min(utf8_len(static_cast<unsigned char>(word[k])), word.size() - k);
                    std::string next = piece + word.substr(k, n);
                    if (!piece.empty() && width_of(next) > max_w) {
                        if (soft > 0 && soft < piece.size()) {
                            lines.push_back(piece.substr(0, soft));
                            piece = piece.substr(soft) + word.substr(k, n);
                        } else {
                            lines.push_back(piece);
                            piece = word.substr(k, n);
                        }
                        soft = 0;
                    } else {
                        piece = std::move(next);
                    }
                    const char c = word[k];
                    if (c == '/' || c == '?' || c == '&' || c == '=') soft = piece.size();
                    k += n;
                }
                line = piece;
            }
            if (j >= text.size()) break;
        }
        if (!line.empty()) lines.push_back(line);
        if (lines.empty()) lines.emplace_back();
        return lines;
    }

    double line_height() const { return size_ * 1.32; }

    // Text at (x, baseline y), aligned: 0 left, 1 centre, 2 right of x.
    void text_at(const std::string& s, double x, double baseline, int align = 0) {
        double w = align ? width_of(s) : 0;
        cairo_move_to(cr_, align == 1 ? x - w / 2 : align == 2 ? x - w : x, baseline);
        cairo_show_text(cr_, s.c_str());
    }

    // A wrapped paragraph in [x, x + w]; `top` is advanced past it. Returns the lines drawn.
    std::size_t paragraph(const std::string& s, double x, double w, double& top, int align = 0) {
        auto lines = wrap(s, w);
        for (const auto& l : lines) {
            top += line_height();
            text_at(l, align == 1 ? x + w / 2 : align == 2 ? x + w : x, top - size_ * 0.28, align);
        }
        return lines.size();
    }

    double measure(const std::string& s, double w) { return static_cast<double>(wrap(s, w).size()) * line_height(); }

private:
    cairo_t* cr_;
    double size_ = 10;
};

void check(cairo_t* cr, const char* what) {
    cairo_status_t st = cairo_status(cr);
    if (st != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("PDF: cairo failed while ") + what + ": " + cairo_status_to_string(st));
}

void draw_frame(cairo_t* cr, bool is_revoked) {
    const rgb c = is_revoked ? red : navy;
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_set_line_width(cr, 2.2);
    cairo_rectangle(cr, 28, 28, page_w - 56, page_h - 56);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 0.7);
    cairo_rectangle(cr, 34, 34, page_w - 68, page_h - 68);
    cairo_stroke(cr);
}

}  // namespace

std::string render_document_pdf(const document_view& d) {
    const langs L = langs_of(d);
    const qr_matrix qr = make_qr(d.verify_url.empty() ? d.code : d.verify_url);
    const bool is_revoked = not_valid(d);  // revoked, or not signed yet: the red frame and the banner

    std::string out;
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_pdf_surface_create_for_stream(&append_to_string, &out, page_w, page_h), &cairo_surface_destroy);
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("PDF: cannot create the cairo surface: ") +
                                 cairo_status_to_string(cairo_surface_status(surface.get())));
    const std::string title = L.first(l_title) + " " + d.code;
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Tanu");

    {
        std::unique_ptr<cairo_t, decltype(&cairo_destroy)> ctx(cairo_create(surface.get()), &cairo_destroy);
        cairo_t* cr = ctx.get();
        check(cr, "creating the context");
        pdf_writer w(cr);

        const double x0 = margin;
        const double tw = page_w - 2 * margin;
        double y = 58;

        draw_frame(cr, is_revoked);
        auto ensure = [&](double need) {
            if (y + need <= bottom_limit) return;
            cairo_show_page(cr);
            draw_frame(cr, is_revoked);
            y = 58;
        };

        // Title, the document's language first.
        w.colour(navy);
        w.font(sans, 16.5, true);
        w.paragraph(L.first(l_title), x0, tw, y, 1);
        y += 2;
        w.colour(grey);
        w.font(sans, 12);
        w.paragraph(L.second(l_title), x0, tw, y, 1);
        y += 10;
        cairo_set_source_rgb(cr, navy.r, navy.g, navy.b);
        cairo_set_line_width(cr, 0.8);
        cairo_move_to(cr, x0 + tw * 0.2, y);
        cairo_line_to(cr, x0 + tw * 0.8, y);
        cairo_stroke(cr);
        y += 10;

        // Revoked banner.
        if (is_revoked) {
            w.font(sans, 10);
            const std::string reason =
                d.revoked_reason.empty() ? std::string() : L.both(l_reason) + ": " + d.revoked_reason;
            const double reason_h = reason.empty() ? 0 : w.measure(reason, tw - 24);
            w.font(sans, 15, true);
            const double banner_h = w.measure(banner_of(d), tw - 24);  // the unsigned banner takes lines
            const double box_h = 14 + banner_h + reason_h + 10;
            cairo_set_source_rgb(cr, 0.99, 0.925, 0.93);
            cairo_rectangle(cr, x0, y, tw, box_h);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, red.r, red.g, red.b);
            cairo_set_line_width(cr, 1.8);
            cairo_stroke(cr);
            double by = y + 8;
            w.colour(red);
            w.font(sans, 15, true);
            w.paragraph(banner_of(d), x0 + 12, tw - 24, by, 1);
            if (!reason.empty()) {
                w.font(sans, 10);
                w.paragraph(reason, x0 + 12, tw - 24, by, 1);
            }
            y += box_h + 14;
        }

        // Centre.
        w.colour(ink);
        w.font(sans, 13, true);
        w.paragraph(or_dash(d.centre_name), x0, tw, y, 1);
        w.colour(grey);
        w.font(sans, 9.5);
        w.paragraph(L.first(l_centre_no) + " " + centre_no(d.centre_number) + " / " + L.second(l_centre_no) + " " +
                        centre_no(d.centre_number),
                    x0, tw, y, 1);
        y += 18;

        // Label / value rows: labels on the left (first language bold, the other below).
        const double label_w = 170;
        const double vx = x0 + label_w + 12;
        const double vw = tw - label_w - 12;
        auto row = [&](const label& l, const std::string& value, double value_size, bool bold,
                       const std::string& note = {}) {
            w.font(sans, 9.5, true);
            double lh = w.measure(L.first(l), label_w);
            w.font(sans, 8.5);
            lh += w.measure(L.second(l), label_w);
            w.font(sans, value_size, bold);
            double vh = w.measure(value, vw);
            if (!note.empty()) {
                w.font(sans, 9);
                vh += w.measure(note, vw);
            }
            ensure(std::max(lh, vh) + 8);
            double ly = y, vy = y + 0.5;
            w.colour(ink);
            w.font(sans, 9.5, true);
            w.paragraph(L.first(l), x0, label_w, ly);
            w.colour(grey);
            w.font(sans, 8.5);
            w.paragraph(L.second(l), x0, label_w, ly);
            w.colour(ink);
            w.font(sans, value_size, bold);
            w.paragraph(value, vx, vw, vy);
            if (!note.empty()) {
                w.colour(grey);
                w.font(sans, 9);
                w.paragraph(note, vx, vw, vy);
            }
            y = std::max(ly, vy) + 8;
        };

        const std::string iin = masked_iin(d.holder_iin);
        row(l_holder, or_dash(d.holder), 15, true, iin.empty() ? std::string() : L.both(l_iin) + ": " + iin);
        y += 2;

        w.font(sans, 10, false, true);
        ensure(w.measure(L.first(l_confirms) + ":", tw) + w.measure(L.second(l_confirms) + ":", tw) + 8);
        w.colour(ink);
        w.paragraph(L.first(l_confirms) + ":", x0, tw, y);
        w.colour(grey);
        w.paragraph(L.second(l_confirms) + ":", x0, tw, y);
        y += 8;

        row(l_profession, or_dash(d.profession), 12.5, true);
        if (!d.programme_code.empty()) row(l_programme, d.programme_code, 11, false);
        row(l_level, level_text(d.nqf_level), 12.5, true);
        row(l_procedure, dotted_date(d.procedure_date), 11, false);
        row(l_issued, dotted_date(d.issued), 11, false);
        row(l_valid, dotted_date(d.valid_until), 11, false);
        y += 6;

        // The code, monospace and large.
        {
            w.font(mono, 15, true);
            double ch = w.measure(d.code, tw);
            ensure(ch + 30);
            w.colour(grey);
            w.font(sans, 9.5);
            w.paragraph(L.both(l_code), x0, tw, y, 1);
            y += 3;
            w.colour(ink);
            w.font(mono, 15, true);
            w.paragraph(d.code, x0, tw, y, 1);
            y += 14;
            if (!d.check_value.empty()) {  // beside the code: the public check shows the full name only with it
                ensure(30);
                w.colour(grey);
                w.font(sans, 9.5);
                w.paragraph(L.both(l_check), x0, tw, y, 1);
                y += 3;
                w.colour(ink);
                w.font(mono, 12, true);
                w.paragraph(d.check_value, x0, tw, y, 1);
                y += 10;
            }
        }

        // Bottom block: the QR on the left with its caption, the signature on the right.
        const double module = std::clamp(118.0 / (qr.size + 8), 1.5, 4.0);
        const double qr_side = module * (qr.size + 8);  // with a 4-module quiet zone
        const double cap_w = std::max(qr_side, 190.0);
        w.font(sans, 8);
        const std::string caption = L.both(l_verify) + ": " + or_dash(d.verify_url);
        const double cap_h = w.measure(caption, cap_w);
        const double block_h = qr_side + 4 + cap_h;
        double top = bottom_limit - block_h;
        if (y > top + 0.5) {  // the content reaches into the block's place: it goes on a new page
            cairo_show_page(cr);
            draw_frame(cr, is_revoked);
            top = bottom_limit - block_h;
        }
        const double qx = x0 - module * 4;  // the quiet zone's white sits in the margin
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_rectangle(cr, qx, top, qr_side, qr_side);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        for (int my = 0; my < qr.size; ++my)
            for (int mx = 0; mx < qr.size; ++mx)
                if (qr.at(mx, my)) cairo_rectangle(cr, qx + (mx + 4) * module, top + (my + 4) * module, module, module);
        cairo_fill(cr);
        double cy = top + qr_side + 2;
        w.colour(grey);
        w.font(sans, 8);
        w.paragraph(caption, x0, cap_w, cy);

        const double sx = x0 + cap_w + 24;
        const double sw = x0 + tw - sx;
        double sy = top + 20;
        w.colour(ink);
        w.font(sans, 9.5, true);
        w.paragraph(L.first(l_head), sx, sw, sy);
        w.colour(grey);
        w.font(sans, 8.5);
        w.paragraph(L.second(l_head), sx, sw, sy);
        sy += 2;
        w.colour(ink);
        w.font(sans, 11.5);
        w.paragraph(or_dash(d.centre_head), sx, sw, sy);
        sy = std::max(sy + 34, top + qr_side - 4);
        cairo_set_source_rgb(cr, ink.r, ink.g, ink.b);
        cairo_set_line_width(cr, 0.7);
        cairo_move_to(cr, sx, sy);
        cairo_line_to(cr, sx + sw, sy);
        cairo_stroke(cr);
        w.colour(grey);
        w.font(sans, 8);
        w.text_at(L.both(l_signature), sx, sy + 11);
        w.text_at(L.both(l_stamp), sx + sw, sy + 11, 2);

        cairo_show_page(cr);
        check(cr, "drawing the document");
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("PDF: cairo failed while writing: ") +
                                 cairo_status_to_string(cairo_surface_status(surface.get())));
    return out;
}

}  // namespace tanu::server
