#pragma once
#include <string>

namespace tanu::server {

// What a recognition document (seed 002, Appendix 2) shows.
struct document_view {
    std::string code;            // the six-level code (exam/recognition/document_code.hpp)
    std::string centre_name;     // as configured (may be Kazakh/Russian)
    int centre_number = 0;       // from accreditation
    std::string centre_head;     // head of centre, full name
    std::string holder;          // full name of the holder
    std::string holder_iin;      // not printed in full: last 4 digits only (personal data)
    std::string profession;      // profession name
    std::string programme_code;
    int nqf_level = 0;
    std::string issued;          // YYYY-MM-DD
    std::string valid_until;     // YYYY-MM-DD
    std::string procedure_date;  // YYYY-MM-DD
    std::string status;          // "valid" | "revoked"
    std::string revoked_reason;  // when revoked
    std::string check_value;     // the document's check value, printed beside the code (the public check needs it)
    std::string verify_url;      // what the QR code encodes (public verification page URL with the code and check)
    std::string lang = "ru";     // "kk" or "ru": the labels' first language (the other follows it)
};

// A complete, standalone HTML5 page: inline CSS, the QR inline as SVG, no
// scripts and no external resources, every text HTML-escaped. Labels are
// bilingual, the document's language first; dates are printed DD.MM.YYYY. A
// revoked document shows a "REVOKED / ОТОЗВАН / КЕРІ ҚАЙТАРЫЛДЫ" banner with
// the reason. Throws std::runtime_error when the QR cannot be made.
std::string render_document_html(const document_view& d);

// The same document as PDF bytes: A4 portrait, drawn with cairo (text in
// "DejaVu Sans" through the toy font API, the QR as filled squares). Throws
// std::runtime_error on a cairo or QR failure.
std::string render_document_pdf(const document_view& d);

}  // namespace tanu::server
