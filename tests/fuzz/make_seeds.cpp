// Writes the seed corpus of every harness from valid inputs (and a few near
// misses), so that the corpora are generated, never committed:
//   tanu_fuzz_seeds DIR    -> DIR/<harness>/seed-NN
// The images are made here with OpenCV: a tiny baseline and a progressive JPEG,
// a grey and a colour PNG, one over the harness's 256-pixel limit.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "exam/common/iin.hpp"
#include "exam/recognition/document_code.hpp"

namespace fs = std::filesystem;

namespace {

void write(const fs::path& dir, const std::vector<std::string>& seeds) {
    fs::create_directories(dir);
    int n = 0;
    for (const auto& s : seeds) {
        char name[32];
        std::snprintf(name, sizeof name, "seed-%02d", n++);
        std::ofstream(dir / name, std::ios::binary) << s;
    }
}

std::vector<std::string> iins() {
    std::vector<std::string> out;
    for (const std::string first11 : {"90011530000", "00022950012", "85123140123", "01010150001", "99123160999",
                                      "24022900777", "70070170000"}) {
        if (const auto check = tanu::exam::iin_check_digit(first11)) out.push_back(first11 + std::to_string(*check));
    }
    out.insert(out.end(), {"000000000000", "900115300001", "90011530000", "9001153000a1", "991331300005"});
    return out;
}

std::vector<std::string> document_codes() {
    using tanu::exam::document_code_parts;
    std::vector<std::string> out;
    for (const document_code_parts& p :
         {document_code_parts{"43210", "74110001", 4, {2026, 12, 1}, 7, 1},
          document_code_parts{"25110", "", 3, {2024, 2, 29}, 9999, 99'999'999},
          document_code_parts{"01110", "61110000", 8, {2000, 1, 31}, 1, 12'345}})
        out.push_back(tanu::exam::make_document_code(p));
    out.push_back("43210-74110001-4-310226-0007-00000001");  // 31 February
    out.push_back("43210-74110001-0-011226-0000-00000000");  // shape only
    return out;
}

const char* moodle_quiz = R"(<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Safety</text></category></question>
  <question type="multichoice">
    <name><text>Helmet</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which &amp; <b>when</b>?<br/>&#1179;&nbsp;&#x49B;</p><!-- note --><script>x()</script>]]></text></questiontext>
    <idnumber>SAF-1</idnumber>
    <single>true</single>
    <answer fraction="100" format="html"><text>Always</text></answer>
    <answer fraction="0" format="html"><text><![CDATA[<span title='a>b'>Never</span>]]></text></answer>
    <answer fraction="0"><text>&lt;i&gt;Sometimes&lt;/i&gt;</text></answer>
  </question>
  <question type="multichoice">
    <name><text>Gloves</text></name>
    <questiontext><text>Pick all</text></questiontext>
    <answer fraction="50"><text>Leather</text></answer>
    <answer fraction="50"><text>Rubber</text></answer>
    <answer fraction="-100"><text>None</text></answer>
  </question>
  <question type="truefalse"><name><text>TF</text></name><questiontext><text>True?</text></questiontext></question>
</quiz>
)";

const char* json_questions = R"([
 {"id": "q1", "lang": "ru", "topic": "Safety", "text": "Question one", "options": ["a", "b", "c"], "correct": [1]},
 {"id": "q2", "lang": "kk", "text": "\u049b\u04d9", "options": ["x", "y"], "correct": [0, 1]},
 {"id": "q3", "lang": "ru", "text": "Multi", "options": ["a", "b", "c", "d"], "correct": [0, 2], "extra": null},
 {"id": "q1", "lang": "ru", "text": "Repeated", "options": ["a", "b"], "correct": [0]},
 {"id": 7, "lang": "en", "text": "", "options": "no", "correct": [99999999999]},
 "not an object"
])";

std::string encode(const cv::Mat& m, const std::string& ext, const std::vector<int>& params = {}) {
    std::vector<unsigned char> buf;
    cv::imencode(ext, m, buf, params);
    return std::string(buf.begin(), buf.end());
}

std::vector<std::string> images() {
    cv::Mat colour(24, 32, CV_8UC3);
    cv::randu(colour, cv::Scalar::all(0), cv::Scalar::all(255));
    cv::Mat grey(16, 16, CV_8UC1);
    cv::randu(grey, cv::Scalar::all(0), cv::Scalar::all(255));
    cv::Mat wide(8, 300, CV_8UC1, cv::Scalar::all(128));
    cv::Mat medium(128, 200, CV_8UC3, cv::Scalar(40, 120, 200));
    return {encode(colour, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 80}),
            encode(colour, ".jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1}),
            encode(grey, ".jpg"),
            encode(medium, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 30}),
            encode(grey, ".png"),
            encode(colour, ".png"),
            encode(wide, ".png")};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    const fs::path dir = argv[1];
    write(dir / "fuzz_iin", iins());
    write(dir / "fuzz_date", {"2024-02-29", "1990-01-15", "2023-02-29", "1800-01-01", "2999-12-31", "2024-13-01",
                              "2024-1-01"});
    write(dir / "fuzz_document_code", document_codes());
    write(dir / "fuzz_import_moodle", {moodle_quiz, "<quiz/>", "<p>a &amp; b<br>c</p>"});
    write(dir / "fuzz_import_json", {json_questions, "[]", "{}"});
    write(dir / "fuzz_frame", images());
    return 0;
}
