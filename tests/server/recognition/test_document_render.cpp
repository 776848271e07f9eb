#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <system_error>

#include "server/recognition/document_render.hpp"
#include "server/recognition/qr.hpp"

using namespace tanu::server;
namespace fs = std::filesystem;

namespace {

const char* const code = "43210-74110001-4-011226-0007-00000001";
const char* const check = "3fa9c01b7d2e";
const char* const url = "https://tanu.example.kz/verify.html?code=43210-74110001-4-011226-0007-00000001&check=3fa9c01b7d2e";

// The HTML escapes & in attribute values and text.
std::string esc_amp(const std::string& s) {
    std::string out;
    for (char c : s) out += c == '&' ? std::string("&amp;") : std::string(1, c);
    return out;
}

document_view sample() {
    document_view d;
    d.code = code;
    d.centre_name = "«Құрылыс біліктілігі» кәсіптік біліктілікті тану орталығы";
    d.centre_number = 7;
    d.centre_head = "Серікбаев Ерлан Мұратұлы";
    d.holder = "Әлия Қасымқызы Нұрланова";
    d.holder_iin = "850101300015";
    d.profession = "Электрогазосварщик (электр-газ дәнекерлеуші)";
    d.programme_code = "WELD-4";
    d.nqf_level = 4;
    d.issued = "2026-12-03";
    d.valid_until = "2031-12-03";
    d.procedure_date = "2026-12-01";
    d.status = "valid";
    d.check_value = check;
    d.verify_url = url;
    d.lang = "kk";
    return d;
}

// A 7x7 finder pattern with its top-left module at (x, y): dark outer ring,
// light ring, dark 3x3 centre.
bool finder_at(const qr_matrix& m, int x, int y) {
    for (int dy = 0; dy < 7; ++dy)
        for (int dx = 0; dx < 7; ++dx) {
            const bool ring = dx == 0 || dy == 0 || dx == 6 || dy == 6;
            const bool light_ring = !ring && (dx == 1 || dy == 1 || dx == 5 || dy == 5);
            if (m.at(x + dx, y + dy) != !light_ring) return false;
        }
    return true;
}

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
    return n;
}

// build/document-render/ beside the test binary's build tree
// (build/tests/server/server_tests), or TANU_DOCUMENT_OUT when set.
fs::path output_dir() {
    if (const char* env = std::getenv("TANU_DOCUMENT_OUT"); env && *env) return env;
    std::error_code ec;
    fs::path exe = fs::canonical("/proc/self/exe", ec);
    if (ec) return fs::temp_directory_path() / "document-render";
    return exe.parent_path().parent_path().parent_path() / "document-render";
}

void write_file(const fs::path& p, const std::string& bytes) {
    std::ofstream f(p, std::ios::binary);
    f << bytes;
    REQUIRE(f.good());
}

// Runs a shell command and returns its standard output.
std::string capture(const std::string& cmd) {
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
    return out;
}

std::string collapse_spaces(const std::string& s) {
    std::string out;
    for (char c : s) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

TEST_CASE("make_qr of a URL is a square matrix with three finder patterns", "[document]") {
    const qr_matrix m = make_qr(url);
    REQUIRE(m.size >= 21);
    CHECK((m.size - 21) % 4 == 0);
    REQUIRE(m.dark.size() == static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size));
    CHECK(finder_at(m, 0, 0));
    CHECK(finder_at(m, m.size - 7, 0));
    CHECK(finder_at(m, 0, m.size - 7));
    CHECK_FALSE(finder_at(m, m.size - 7, m.size - 7));  // no finder in the fourth corner
    // The separators around the top-left finder are light.
    for (int i = 0; i < 8; ++i) {
        CHECK_FALSE(m.at(7, i));
        CHECK_FALSE(m.at(i, 7));
    }
    // Timing pattern on row 6 between the finders alternates.
    for (int x = 8; x < m.size - 8; ++x) CHECK(m.at(x, 6) == (x % 2 == 0));

    CHECK(make_qr("x").size == 21);
    CHECK_THROWS_AS(make_qr(""), std::runtime_error);
    CHECK_THROWS_AS(make_qr(std::string(4000, 'a')), std::runtime_error);
}

TEST_CASE("qr_svg is a standalone svg element of the dark modules", "[document]") {
    const qr_matrix m = make_qr(url);
    const std::string svg = qr_svg(m, 4, 4);
    CHECK(svg.rfind("<svg", 0) == 0);
    CHECK(svg.find("<?xml") == std::string::npos);
    const std::string side = std::to_string(m.size + 8);
    CHECK(svg.find("viewBox=\"0 0 " + side + " " + side + "\"") != std::string::npos);
    CHECK(svg.find("width=\"" + std::to_string((m.size + 8) * 4) + "\"") != std::string::npos);
    CHECK(svg.find("<path") != std::string::npos);
    CHECK(svg.find("M4 4h7v1h-7z") != std::string::npos);  // the top row of the top-left finder
    CHECK(svg.size() > 200);
    CHECK(svg.substr(svg.size() - 6) == "</svg>");
    CHECK_THROWS_AS(qr_svg(m, 0, 4), std::invalid_argument);
}

TEST_CASE("the document HTML is a standalone escaped page", "[document]") {
    auto d = sample();
    d.holder = "<script>alert(1)</script> Әлия";
    d.centre_name = "A & B \"centre\"";
    const std::string html = render_document_html(d);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<html lang=\"kk\">") != std::string::npos);
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; Әлия") != std::string::npos);
    CHECK(html.find("A &amp; B &quot;centre&quot;") != std::string::npos);
    CHECK(html.find(code) != std::string::npos);
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find("</html>") != std::string::npos);
    // No external resources.
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    // Labels, Kazakh first, then Russian; both titles.
    const auto kk_title = html.find("Кәсіптік біліктілікті тану туралы құжат");
    const auto ru_title = html.find("Документ о признании профессиональной квалификации");
    REQUIRE(kk_title != std::string::npos);
    REQUIRE(ru_title != std::string::npos);
    CHECK(kk_title < ru_title);
    for (const char* l : {"Берілді", "Кәсібі", "Біліктілік деңгейі", "Берілген күні", "Жарамдылық мерзімі",
                          "Орталық басшысы", "Тексеру", "Выдан", "Профессия", "Уровень квалификации",
                          "Дата выдачи", "Действителен до", "Руководитель центра", "Проверить"})
        CHECK(html.find(l) != std::string::npos);
    // Dates DD.MM.YYYY; the IIN's last 4 digits only; the verification URL.
    CHECK(html.find("03.12.2026") != std::string::npos);
    CHECK(html.find("03.12.2031") != std::string::npos);
    CHECK(html.find("01.12.2026") != std::string::npos);
    CHECK(html.find("2026-12-03") == std::string::npos);
    CHECK(html.find("850101300015") == std::string::npos);
    CHECK(html.find("0015") != std::string::npos);
    CHECK(html.find(esc_amp(url)) != std::string::npos);
    CHECK(html.find("REVOKED") == std::string::npos);
    // The check value beside the code (the public lookup names the holder only with it).
    const auto code_at = html.find(code), check_at = html.find(check);
    REQUIRE(check_at != std::string::npos);
    CHECK(code_at < check_at);
    CHECK(html.find("Тексеру коды / Код проверки") != std::string::npos);
}

TEST_CASE("a document without a check value prints none", "[document]") {
    auto d = sample();
    d.check_value.clear();
    CHECK(render_document_html(d).find("Код проверки") == std::string::npos);
}

TEST_CASE("the document HTML in Russian puts the Russian labels first", "[document]") {
    auto d = sample();
    d.lang = "ru";
    const std::string html = render_document_html(d);
    CHECK(html.find("<html lang=\"ru\">") != std::string::npos);
    CHECK(html.find("Документ о признании профессиональной квалификации") <
          html.find("Кәсіптік біліктілікті тану туралы құжат"));
    CHECK(html.find("Дата выдачи") < html.find("Берілген күні"));
}

TEST_CASE("a revoked document shows the banner with the reason", "[document]") {
    auto d = sample();
    d.status = "revoked";
    d.revoked_reason = "Апелляция <отклонена> / шешім";
    const std::string html = render_document_html(d);
    CHECK(html.find("REVOKED / ОТОЗВАН / КЕРІ ҚАЙТАРЫЛДЫ") != std::string::npos);
    CHECK(html.find("Апелляция &lt;отклонена&gt; / шешім") != std::string::npos);

    const std::string pdf = render_document_pdf(d);
    REQUIRE(pdf.rfind("%PDF-", 0) == 0);
    CHECK(pdf.find("/Count 1\n") != std::string::npos);
    const fs::path dir = output_dir();
    fs::create_directories(dir);
    write_file(dir / "document-revoked.pdf", pdf);
    write_file(dir / "document-revoked.html", html);
    if (fs::exists("/usr/bin/pdftotext")) {
        const std::string text =
            collapse_spaces(capture("/usr/bin/pdftotext -enc UTF-8 '" + (dir / "document-revoked.pdf").string() + "' -"));
        CHECK(text.find("REVOKED / ОТОЗВАН / КЕРІ ҚАЙТАРЫЛДЫ") != std::string::npos);
        CHECK(text.find("отклонена") != std::string::npos);
    } else {
        WARN("/usr/bin/pdftotext is missing: the revoked PDF's text is not checked, only its header");
    }
    if (fs::exists("/usr/bin/pdftoppm"))
        CHECK(0 == std::system(("/usr/bin/pdftoppm -png -r 60 -singlefile '" + (dir / "document-revoked.pdf").string() + "' '" +
                     (dir / "document-revoked").string() + "'")
                        .c_str()));
}

TEST_CASE("the document PDF is A4 with the Kazakh text, the labels and the code", "[document]") {
    const auto d = sample();
    const std::string pdf = render_document_pdf(d);
    REQUIRE(pdf.size() > 1000);
    REQUIRE(pdf.rfind("%PDF-", 0) == 0);
    CHECK(pdf.find("%%EOF") != std::string::npos);
    CHECK(pdf.find("/MediaBox [ 0 0 595.28 841.89 ]") != std::string::npos);
    CHECK(count(pdf, "/Type /Pages") == 1);
    CHECK(pdf.find("/Count 1\n") != std::string::npos);  // one page: the QR and signature fit on it

    const fs::path dir = output_dir();
    fs::create_directories(dir);
    const fs::path file = dir / "document.pdf";
    write_file(file, pdf);
    write_file(dir / "document.html", render_document_html(d));
    auto ru = d;
    ru.lang = "ru";
    ru.holder = "Иванов Пётр Сергеевич";
    ru.centre_name = "ТОО «Центр признания квалификаций в сфере строительства и жилищно-коммунального хозяйства»";
    ru.profession = "Монтажник стальных и железобетонных конструкций";
    ru.nqf_level = 3;
    ru.holder_iin.clear();
    const std::string ru_pdf = render_document_pdf(ru);
    REQUIRE(ru_pdf.rfind("%PDF-", 0) == 0);
    CHECK(ru_pdf.find("/Count 1\n") != std::string::npos);
    write_file(dir / "document-ru.pdf", ru_pdf);
    INFO("PDF written to " << file.string());

    if (fs::exists("/usr/bin/pdftotext")) {
        const std::string raw = capture("/usr/bin/pdftotext -enc UTF-8 '" + file.string() + "' -");
        const std::string text = collapse_spaces(raw);
        INFO("pdftotext:\n" << raw);
        CHECK(text.find("Әлия Қасымқызы Нұрланова") != std::string::npos);
        CHECK(text.find("Берілген күні") != std::string::npos);
        CHECK(text.find("Жарамдылық мерзімі") != std::string::npos);
        CHECK(text.find("Дата выдачи") != std::string::npos);
        CHECK(text.find(code) != std::string::npos);
        CHECK(text.find(check) != std::string::npos);
        CHECK(text.find("Тексеру коды") != std::string::npos);
        CHECK(text.find("03.12.2026") != std::string::npos);
        CHECK(text.find("03.12.2031") != std::string::npos);
        CHECK(text.find("Кәсіптік біліктілікті тану туралы құжат") != std::string::npos);
        CHECK(text.find("850101300015") == std::string::npos);
        CHECK(text.find("0015") != std::string::npos);
        CHECK(text.find("REVOKED") == std::string::npos);
        SUCCEED("pdftotext found the holder, the Kazakh labels and the code");

        const std::string ru_text = collapse_spaces(
            capture("/usr/bin/pdftotext -enc UTF-8 '" + (dir / "document-ru.pdf").string() + "' -"));
        CHECK(ru_text.find("Иванов Пётр Сергеевич") != std::string::npos);
        CHECK(ru_text.find("Документ о признании профессиональной квалификации") < ru_text.find("Кәсіптік"));
    } else {
        WARN("/usr/bin/pdftotext is missing: the PDF's text is not checked, only its header");
    }

    if (fs::exists("/usr/bin/pdftoppm")) {
        for (const char* name : {"document", "document-ru"}) {
            const int rc = std::system(("/usr/bin/pdftoppm -png -r 60 -singlefile '" +
                                        (dir / (std::string(name) + ".pdf")).string() + "' '" +
                                        (dir / name).string() + "'")
                                           .c_str());
            CHECK(rc == 0);
            CHECK(fs::exists(dir / (std::string(name) + ".png")));
        }
    } else {
        WARN("/usr/bin/pdftoppm is missing: no PNG preview written");
    }
}

TEST_CASE("a document awaiting the head's signature says it is not valid, on one page", "[document]") {
    auto d = sample();
    d.status = "pending_signature";
    d.issued = d.valid_until = "";  // as view_of gives a document not signed yet
    const std::string html = render_document_html(d);
    CHECK(html.find("NOT SIGNED / ҚОЛ ҚОЙЫЛМАҒАН / НЕ ПОДПИСАН") != std::string::npos);
    CHECK(html.find("REVOKED") == std::string::npos);
    const std::string pdf = render_document_pdf(d);
    REQUIRE(pdf.rfind("%PDF-", 0) == 0);
    CHECK(pdf.find("/Count 1\n") != std::string::npos);
    const fs::path dir = output_dir();
    fs::create_directories(dir);
    write_file(dir / "document-unsigned.pdf", pdf);
    if (fs::exists("/usr/bin/pdftotext")) {
        const std::string text =
            collapse_spaces(capture("/usr/bin/pdftotext -enc UTF-8 '" + (dir / "document-unsigned.pdf").string() + "' -"));
        CHECK(text.find("ҚОЛ ҚОЙЫЛМАҒАН") != std::string::npos);
    }
    if (fs::exists("/usr/bin/pdftoppm"))
        CHECK(0 == std::system(("/usr/bin/pdftoppm -png -r 60 -singlefile '" + (dir / "document-unsigned.pdf").string() + "' '" +
                                (dir / "document-unsigned").string() + "'")
                                   .c_str()));
}
