#pragma once
// Helpers shared by the load benchmarks (exam_load, proctor_load): printing,
// latency percentiles, /proc readings, light JSON peeking, test identities.
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "exam/common/iin.hpp"

namespace bench_util {

using clk = std::chrono::steady_clock;
using json = nlohmann::json;

__attribute__((format(printf, 1, 2))) inline std::string fmt(const char* f, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, f);
    int n = std::vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    if (n < 0) return {};
    return std::string(buf, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1));
}

inline void say(const std::string& line) {
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

inline double ms_between(clk::time_point a, clk::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

inline double secs_since(clk::time_point a) { return std::chrono::duration<double>(clk::now() - a).count(); }

struct latencies {
    std::vector<double> ms;
    void add(double v) { ms.push_back(v); }
    double pct(double p) {
        if (ms.empty()) return 0;
        std::sort(ms.begin(), ms.end());
        auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(ms.size()));
        if (rank >= ms.size()) rank = ms.size() - 1;
        return ms[rank];
    }
    double max() { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
    std::string line() {
        if (ms.empty()) return "n=0";
        return fmt("n=%zu p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms", ms.size(), pct(50), pct(90), pct(99),
                   max());
    }
};

// Resident memory of a process (pid 0: this one), KiB.
inline long proc_rss_kib(long pid) {
    std::ifstream f(pid > 0 ? "/proc/" + std::to_string(pid) + "/status" : "/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    return -1;
}

// user+system CPU seconds of a process (pid 0: this one).
inline double proc_cpu_s(long pid) {
    std::ifstream f(pid > 0 ? "/proc/" + std::to_string(pid) + "/stat" : "/proc/self/stat");
    std::string all;
    std::getline(f, all);
    auto p = all.rfind(')');
    if (p == std::string::npos) return -1;
    std::istringstream in(all.substr(p + 2));
    std::string tok;
    double ticks = 0;
    for (int field = 3; in >> tok; ++field) {
        if (field == 14 || field == 15) ticks += std::atof(tok.c_str());
        if (field == 15) break;
    }
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

inline std::optional<json> parse_json(const std::string& s) {
    try {
        return json::parse(s);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// The `type` of a server message without parsing the whole JSON.
inline std::string_view msg_type(std::string_view m) {
    auto p = m.find("\"type\"");
    if (p == std::string_view::npos) return {};
    p += 6;
    while (p < m.size() && (m[p] == ' ' || m[p] == '\t' || m[p] == '\n' || m[p] == '\r')) ++p;
    if (p >= m.size() || m[p] != ':') return {};
    ++p;
    while (p < m.size() && (m[p] == ' ' || m[p] == '\t' || m[p] == '\n' || m[p] == '\r')) ++p;
    if (p >= m.size() || m[p] != '"') return {};
    ++p;
    auto e = m.find('"', p);
    if (e == std::string_view::npos) return {};
    return m.substr(p, e - p);
}

inline std::string url_encode(const std::string& s) {
    std::string out;
    for (unsigned char ch : s) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') out.push_back(static_cast<char>(ch));
        else out += fmt("%%%02X", ch);
    }
    return out;
}

// The k-th (and following) test IIN: YYMMDD, century digit 3 (born 19xx), a
// 4-digit serial and the check digit of exam/common/iin.hpp; numbers without a valid
// check digit are skipped. Advances k; sets the matching birth date.
inline std::string next_iin(std::uint64_t& k, std::string& birth_date) {
    for (;;) {
        std::uint64_t n = k++;
        unsigned serial = static_cast<unsigned>(n % 10000);
        std::uint64_t d = (n / 10000) % (30 * 12 * 28);
        unsigned day = static_cast<unsigned>(d % 28) + 1;
        unsigned month = static_cast<unsigned>((d / 28) % 12) + 1;
        unsigned year = 1970 + static_cast<unsigned>(d / (28 * 12));
        std::string s = fmt("%02u%02u%02u3%04u", year % 100, month, day, serial);
        auto check = tanu::exam::iin_check_digit(s);
        if (!check) continue;
        s.push_back(static_cast<char>('0' + *check));
        birth_date = fmt("%04u-%02u-%02u", year, month, day);
        return s;
    }
}

// The benchmarks' programme: `questions` per paper in 90 minutes, "above 70 %",
// one retake, a one-item card; kk and ru (the bank is ru).
inline json load_programme(const std::string& code, const std::string& profession, int questions) {
    return {{"code", code},
            {"profession", profession},
            {"oked", "43221"},
            {"nkz", "71260001"},
            {"nqf_level", 4},
            {"languages", {"kk", "ru"}},
            {"theory", {{"questions", questions}, {"minutes", 90}, {"pass_percent", 70}, {"pass_rule", "above"}}},
            {"attempts", 2},
            {"practical",
             json::array({{{"id", "p1"},
                           {"text", {{"kk", "Құбырды орнату"}, {"ru", "Установка трубы"}}},
                           {"mandatory", true}}})}};
}

// `count` Russian questions of realistic length, four options, the right one at i % 4.
inline json load_bank(int count) {
    json bank = json::array();
    for (int i = 0; i < count; ++i) {
        std::string n = std::to_string(i + 1);
        bank.push_back(
            {{"id", fmt("q%03d", i + 1)},
             {"lang", "ru"},
             {"topic", fmt("topic-%d", i % 10)},
             {"text", "Вопрос " + n +
                          ": какое давление допускается при гидравлическом испытании "
                          "трубопровода системы водоснабжения после монтажа?"},
             {"options",
              {"Вариант А к вопросу " + n + ": рабочее давление",
               "Вариант Б к вопросу " + n + ": полуторное рабочее давление",
               "Вариант В к вопросу " + n + ": двойное рабочее давление",
               "Вариант Г к вопросу " + n + ": испытание не требуется"}},
             {"correct", {i % 4}}});
    }
    return bank;
}

}  // namespace bench_util
