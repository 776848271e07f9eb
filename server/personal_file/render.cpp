// The personal file's PDF: the JSON turned into titled entries of label/value
// lines, then drawn page by page. Cairo is set up as the recognition document
// does it (server/recognition/document_render.cpp): a PDF surface writing to a
// string, "DejaVu Sans" through the toy font API (it has Cyrillic and the
// Kazakh letters ә ғ қ ң ө ұ ү һ і).
#include "server/personal_file/render.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>

#include <cairo-pdf.h>
#include <cairo.h>

#include "server/personal_file/labels.hpp"

namespace tanu::server::personal_file {

namespace {

using json = nlohmann::json;

// ---------------------------------------------------------------- values

std::string str(const json& v) {
    if (v.is_null()) return "—";
    if (v.is_string()) return v.get<std::string>().empty() ? "—" : v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "+" : "−";
    return v.dump();
}

// A local (UTC+5) time of a UTC millisecond count, DD.MM.YYYY HH:MM; "—" for null.
std::string when(const json& ms) {
    if (!ms.is_number_integer()) return "—";
    namespace c = std::chrono;
    const c::sys_time<c::milliseconds> t{c::milliseconds{ms.get<std::int64_t>()} + c::hours{5}};
    const auto day = c::floor<c::days>(t);
    const c::year_month_day ymd{day};
    const auto minutes = c::duration_cast<c::minutes>(t - day).count();
    char buf[48];
    std::snprintf(buf, sizeof buf, "%02u.%02u.%04d %02lld:%02lld", static_cast<unsigned>(ymd.day()),
                  static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()), static_cast<long long>(minutes / 60),
                  static_cast<long long>(minutes % 60));
    return buf;
}

// YYYY-MM-DD -> DD.MM.YYYY; anything else as it is.
std::string day(const json& v) {
    const std::string s = str(v);
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') return s.substr(8, 2) + "." + s.substr(5, 2) + "." + s.substr(0, 4);
    return s;
}

const json& at(const json& j, const char* key) {
    static const json null_value;
    if (!j.is_object()) return null_value;
    auto it = j.find(key);
    return it == j.end() ? null_value : *it;
}

// ---------------------------------------------------------------- entries

struct line {
    std::string label, value;
};
struct entry {
    std::string title;
    std::vector<line> lines;
};
struct section {
    std::string title;
    std::vector<entry> entries;
};

class builder {
public:
    explicit builder(std::string lang) : lang_(std::move(lang)) {}
    std::string L(const std::string& key) const { return label(key, lang_); }
    // A stored code in words ("—" for none).
    std::string V(const json& code) const { return code.is_string() && !code.get<std::string>().empty() ? value_label(code.get<std::string>(), lang_) : str(code); }
    std::string yes_no(const json& v) const { return v.is_boolean() ? L(v.get<bool>() ? "yes" : "no") : "—"; }

    std::vector<section> build(const json& f) {
        std::vector<section> out;
        out.push_back(person(at(f, "candidate")));
        out.push_back(each(f, "applications", [&](const json& a) { return application(a); }));
        out.push_back(each(f, "notices", [&](const json& n) {
            entry e{V(at(n, "kind")) + " · " + V(at(n, "channel")), {}};
            add(e, "sent", when(at(n, "created_ms")));
            add(e, "delivered", at(n, "failed").get<bool>() ? L("failed") : when(at(n, "delivered_ms")));
            if (!at(n, "receipt_ms").is_null()) add(e, "receipt", str(at(n, "receipt_status")) + ", " + when(at(n, "receipt_ms")));
            add(e, "", str(at(n, "subject")));
            return e;
        }));
        out.push_back(each(f, "sittings", [&](const json& s) { return sitting(s); }));
        out.push_back(each(f, "acts", [&](const json& a) {
            entry e{"№ " + str(at(a, "id")) + " · " + L("session") + " " + str(at(a, "session")) + " · " + V(at(a, "kind")), {}};
            add(e, "date", when(at(a, "t_ms")));
            add(e, "decision", V(at(a, "status")));
            if (a.contains("reviewed_by"))
                add(e, "reviewed", str(at(a, "reviewed_by")) + ", " + when(at(a, "reviewed_ms")));
            if (!str(at(a, "reason")).empty() && str(at(a, "reason")) != "—") add(e, "note", str(at(a, "reason")));
            return e;
        }));
        out.push_back(each(f, "practical_marks", [&](const json& m) {
            entry e{L("session") + " " + str(at(m, "session")) + " · " + str(at(m, "item")), {}};
            add(e, "done", yes_no(at(m, "done")));
            add(e, "member", str(at(m, "member")) + ", " + when(at(m, "recorded_ms")));
            if (str(at(m, "note")) != "—") add(e, "note", str(at(m, "note")));
            return e;
        }));
        out.push_back(each(f, "protocols", [&](const json& p) {
            entry e{"№ " + str(at(p, "id")) + " · " + L("session") + " " + str(at(p, "session")), {}};
            add(e, "decision", V(at(p, "decision")));
            add(e, "signed_date", day(at(p, "signed_date")));
            add(e, "results_date", day(at(p, "results_date")));
            std::string sigs;
            for (const auto& s : at(p, "signatures"))
                sigs += (sigs.empty() ? "" : "; ") + str(at(s, "member")) + " " + when(at(s, "signed_ms"));
            add(e, "signatures", sigs.empty() ? "—" : sigs);
            add(e, "amended", at(p, "amended_by_appeal").is_null() ? L("no") : "№ " + str(at(p, "amended_by_appeal")));
            return e;
        }));
        out.push_back(each(f, "documents", [&](const json& d) {
            entry e{str(at(d, "code")), {}};
            add(e, "status", V(at(d, "status")));
            const json& h = at(d, "signed_by_head");
            add(e, "head_signed", h.is_null() ? L("no") : str(at(h, "by")) + ", " + when(at(h, "ms")));
            add(e, "issued", day(at(d, "issued")));
            add(e, "valid_until", day(at(d, "valid_until")));
            add(e, "verify", str(at(d, "verify_url")));
            return e;
        }));
        out.push_back(each(f, "appeals", [&](const json& a) {
            entry e{"№ " + str(at(a, "id")) + " · " + L("session") + " " + str(at(a, "session")), {}};
            add(e, "channel", V(at(a, "channel")));
            add(e, "received", day(at(a, "filed_date")));
            add(e, "status", V(at(a, "status")));
            add(e, "outcome", V(at(a, "outcome")));
            std::string votes;
            for (const auto& v : at(a, "votes")) votes += (votes.empty() ? "" : "; ") + str(at(v, "login")) + ": " + V(at(v, "outcome"));
            add(e, "votes", votes.empty() ? "—" : votes);
            return e;
        }));
        out.push_back(each(f, "results_receipts", [&](const json& r) {
            entry e{L("session") + " " + str(at(r, "session")), {}};
            add(e, "received", day(at(r, "received_date")));
            add(e, "channel", V(at(r, "channel")));
            if (str(at(r, "recorded_by")) != "—") add(e, "recorded", str(at(r, "recorded_by")));
            return e;
        }));
        return out;
    }

private:
    void add(entry& e, const std::string& key, std::string value) const {
        e.lines.push_back({key.empty() ? std::string() : L(key), std::move(value)});
    }

    template <class F>
    section each(const json& f, const char* key, F make) {
        section s{L(key), {}};
        for (const auto& x : at(f, key)) s.entries.push_back(make(x));
        return s;
    }

    section person(const json& c) {
        entry e{str(at(c, "full_name")), {}};
        add(e, "iin", str(at(c, "iin")));
        add(e, "birth_date", day(at(c, "birth_date")));
        add(e, "email", str(at(c, "email")));
        add(e, "phone", str(at(c, "phone")));
        add(e, "login", str(at(c, "login")));
        const json& p = at(c, "photo");
        add(e, "photo", p.is_null() ? L("no") : "SHA-256 " + str(at(p, "sha256")) + ", " + when(at(p, "created_ms")));
        return {L("candidate"), {e}};
    }

    entry application(const json& a) {
        entry e{"№ " + str(at(a, "reg_no")) + " · " + str(at(a, "programme")) + " · " + V(at(a, "status")), {}};
        add(e, "registered_date", day(at(a, "registered_date")));
        const json& ch = at(a, "check");
        std::string check = at(ch, "complete").is_boolean() && at(ch, "complete").get<bool>() ? L("complete") : L("defects") + ":";
        for (const auto& d : at(ch, "defects")) check += " " + str(at(d, "code"));
        add(e, "check", check);
        for (const auto& x : at(a, "attachments"))
            add(e, "attachments", V(at(x, "type")) + " · " + str(at(x, "size")) + " B · SHA-256 " + str(at(x, "sha256")) +
                                      " · " + str(at(x, "url")));
        const json& k = at(a, "contract");
        if (!k.is_null()) add(e, "contract", "№ " + str(at(k, "no")) + ", " + day(at(k, "date")) + ", " + str(at(k, "by")));
        const json& r = at(a, "refusal");
        if (!r.is_null()) {
            const json& s = at(r, "signed");
            add(e, "refusal", s.is_null() ? L("no") + " " + L("signed_by")
                                          : L("signed_by") + ": " + str(at(s, "by")) + ", " + when(at(s, "ms")));
        }
        return e;
    }

    entry sitting(const json& s) {
        entry e{"№ " + str(at(s, "id")) + " · " + str(at(s, "programme")) + " · " + L("attempt") + " " + str(at(s, "attempt")), {}};
        add(e, "lang", V(at(s, "lang")) + ", " + L("mode") + ": " + V(at(s, "mode")));
        add(e, "status", V(at(s, "status")));
        for (const auto& sl : at(s, "slots")) {
            std::string where = str(at(sl, "place"));
            if (where == "—") where = str(at(sl, "link"));
            add(e, "slots", V(at(sl, "stage")) + " " + day(at(sl, "day")) + " " + str(at(sl, "starts")) + "–" +
                                str(at(sl, "ends")) + ", " + where);
        }
        add(e, "started", when(at(s, "started_ms")));
        add(e, "finished", when(at(s, "finished_ms")));
        const json& sc = at(s, "score");
        add(e, "score", sc.is_null() ? "—" : str(at(sc, "correct")) + " / " + str(at(sc, "total")));
        add(e, "passed", yes_no(at(s, "passed")));
        add(e, "violations", str(at(s, "violations")));
        if (str(at(s, "reschedule_reason")) != "none") add(e, "reschedule_reason", V(at(s, "reschedule_reason")));
        if (!at(s, "closed_reason").is_null())
            add(e, "closed", V(at(s, "closed_reason")) + ", " + when(at(s, "closed_ms")));
        for (const auto& k : at(s, "sick_leaves"))
            add(e, "sick_leaves", V(at(k, "status")) + ", " + day(at(k, "period_from")) + " – " + day(at(k, "period_to")) +
                                      ", " + V(at(k, "channel")));
        for (const auto& t : at(s, "technical_acts"))
            add(e, "technical_acts", V(at(t, "kind")) + ": " + str(at(t, "description")) + " (" +
                                         str(at(t, "recorded_by")) + ", " + when(at(t, "recorded_ms")) + ")");
        return e;
    }

    std::string lang_;
};

// ---------------------------------------------------------------- drawing

constexpr double page_w = 595.28, page_h = 841.89;  // A4 in points
constexpr double left = 50, right = page_w - 50, top_y = 56, bottom_y = page_h - 60;
constexpr double label_w = 150;
const char* const sans = "DejaVu Sans";

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    } catch (...) {
        return CAIRO_STATUS_NO_MEMORY;
    }
    return CAIRO_STATUS_SUCCESS;
}

std::size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1; }

class pages {
public:
    pages(cairo_t* cr, std::string footer, int total) : cr_(cr), footer_(std::move(footer)), total_(total) { begin(); }

    void font(double size, bool bold = false) {
        cairo_select_font_face(cr_, sans, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr_, size);
        size_ = size;
        bold_ = bold;
    }
    void grey(bool on) {
        cairo_set_source_rgb(cr_, on ? 0.4 : 0.1, on ? 0.4 : 0.1, on ? 0.4 : 0.12);
        grey_ = on;
    }
    double lh() const { return size_ * 1.35; }

    // Word wrap into `w`; a word wider than the line (a SHA-256, a URL) is cut between characters.
    std::vector<std::string> wrap(const std::string& text, double w) {
        std::vector<std::string> out;
        std::string cur;
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t j = text.find(' ', i);
            if (j == std::string::npos) j = text.size();
            const std::string word = text.substr(i, j - i);
            i = j + 1;
            const std::string joined = cur.empty() ? word : cur + " " + word;
            if (width(joined) <= w) {
                cur = joined;
                continue;
            }
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
            for (std::size_t k = 0; k < word.size();) {
                const std::size_t n = std::min(utf8_len(static_cast<unsigned char>(word[k])), word.size() - k);
                if (!cur.empty() && width(cur + word.substr(k, n)) > w) {
                    out.push_back(cur);
                    cur.clear();
                }
                cur += word.substr(k, n);
                k += n;
            }
        }
        if (!cur.empty() || out.empty()) out.push_back(cur);
        return out;
    }

    // Text wrapped in [x, x + w] from y (the top of its first line); returns the y below it.
    double text(const std::string& s, double x, double w, double from) {
        for (const auto& l : wrap(s, w)) {
            from += lh();
            cairo_move_to(cr_, x, from - size_ * 0.3);
            cairo_show_text(cr_, l.c_str());
        }
        return from;
    }
    double height(const std::string& s, double w) { return static_cast<double>(wrap(s, w).size()) * lh(); }

    // Room for `h` more points on this page, else a new page.
    void need(double h) {
        if (y + h > bottom_y) {
            end();
            begin();
        }
    }
    void finish() { end(); }
    int count() const { return page_; }

    double y = top_y;

private:
    double width(const std::string& s) {
        cairo_text_extents_t e;
        cairo_text_extents(cr_, s.c_str(), &e);
        return e.x_advance;
    }
    void begin() {
        ++page_;
        y = top_y;
    }
    // The footer of every page: generation time, SHA-256 of the JSON, page N / M.
    void end() {
        const double keep = size_;
        const bool keep_bold = bold_, keep_grey = grey_;
        font(7.5);
        grey(true);
        cairo_set_line_width(cr_, 0.5);
        cairo_move_to(cr_, left, page_h - 46);
        cairo_line_to(cr_, right, page_h - 46);
        cairo_stroke(cr_);
        const std::string n = std::to_string(page_) + (total_ > 0 ? " / " + std::to_string(total_) : std::string());
        text(footer_ + " · " + n, left, right - left, page_h - 44);
        cairo_show_page(cr_);
        font(keep, keep_bold);
        grey(keep_grey);
    }

    cairo_t* cr_;
    std::string footer_;
    int total_ = 0, page_ = 0;
    double size_ = 10;
    bool bold_ = false, grey_ = false;
};

void draw(pages& p, const std::string& title, const std::string& subtitle, const std::vector<section>& sections,
          const std::string& none) {
    p.font(16, true);
    p.grey(false);
    p.y = p.text(title, left, right - left, p.y);
    p.font(9);
    p.grey(true);
    p.y = p.text(subtitle, left, right - left, p.y) + 6;
    for (const auto& s : sections) {
        p.font(12.5, true);
        p.need(p.lh() * 2 + 60);  // the heading with its first entry's title and two lines
        p.grey(false);
        p.y = p.text(s.title, left, right - left, p.y + 6);
        p.y += 2;
        if (s.entries.empty()) {
            p.font(9.5);
            p.grey(true);
            p.y = p.text(none, left + 10, right - left - 10, p.y);
            continue;
        }
        for (const auto& e : s.entries) {
            p.font(10.5, true);
            p.need(p.height(e.title, right - left - 10) + p.lh());
            p.grey(false);
            p.y = p.text(e.title, left + 10, right - left - 10, p.y + 3);
            for (const auto& l : e.lines) {
                p.font(9.5);
                const double vx = left + 20 + (l.label.empty() ? 0 : label_w), vw = right - vx;
                const double h = std::max(l.label.empty() ? 0.0 : p.height(l.label, label_w - 8), p.height(l.value, vw));
                p.need(h);
                double ly = p.y;
                if (!l.label.empty()) {
                    p.grey(true);
                    ly = p.text(l.label, left + 20, label_w - 8, p.y);
                }
                p.grey(false);
                const double vy = p.text(l.value, vx, vw, p.y);
                p.y = std::max(ly, vy);
            }
        }
    }
}

// One pass: the pages drawn with "page N / total" (total 0: unknown); returns the PDF and its page count.
std::pair<std::string, int> pass(const std::vector<section>& sections, const std::string& title, const std::string& subtitle,
                                 const std::string& footer, const std::string& none, int total) {
    std::string out;
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_pdf_surface_create_for_stream(&append_to_string, &out, page_w, page_h), &cairo_surface_destroy);
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("PDF: cannot create the cairo surface");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Tanu");
    int count = 0;
    {
        std::unique_ptr<cairo_t, decltype(&cairo_destroy)> ctx(cairo_create(surface.get()), &cairo_destroy);
        pages p(ctx.get(), footer, total);
        draw(p, title, subtitle, sections, none);
        p.finish();
        count = p.count();
        if (cairo_status(ctx.get()) != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error(std::string("PDF: cairo failed: ") + cairo_status_to_string(cairo_status(ctx.get())));
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("PDF: cairo failed while writing");
    return {std::move(out), count};
}

}  // namespace

bool known_lang(const std::string& lang) { return known_label_lang(lang); }

std::string render_pdf(const json& file, const std::string& sha256, const std::string& lang_in) {
    const std::string lang = known_lang(lang_in) ? lang_in : "ru";
    builder b(lang);
    auto sections = b.build(file);
    const json& cut = at(file, "truncated");
    if (cut.is_array() && !cut.empty()) {
        entry e{b.L("truncated"), {}};
        for (const auto& c : cut) e.lines.push_back({"", b.L(str(c))});
        sections.push_back({b.L("truncated"), {e}});
    }
    const std::string title = b.L("title") + ": " + str(at(at(file, "candidate"), "full_name"));
    const std::string subtitle = b.L("seed");
    const std::string footer = b.L("generated") + " " + when(at(file, "generated_ms")) + " (UTC+5) · SHA-256 " + sha256;
    // Twice: the first pass counts the pages the second prints ("N / M").
    const int total = pass(sections, title, subtitle, footer, b.L("none"), 0).second;
    return pass(sections, title, subtitle, footer, b.L("none"), total).first;
}

}  // namespace tanu::server::personal_file
