// The static site in-process (server/net/static_files.hpp): the import
// scanner, specifier resolution, the pages the loader writes, the limits.
#include <catch2/catch.hpp>

#include <fstream>

#include "server/net/static_files.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> specifiers(std::string_view js, bool dynamic = false) {
    std::vector<std::string> out;
    for (const auto& i : scan_imports(js))
        if (i.dynamic == dynamic) out.push_back(i.specifier);
    return out;
}

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("static files: the scanner finds every form of static import and re-export", "[net][static]") {
    const auto js = R"(import { a, b as c } from './a.js';
import d from "../lib/d.js";
import * as e from '/lib/e.js';
import f, { g } from './f.js'
import './side.js';
import {
  h,
  i,
} from './multi.js';
export { j } from './j.js';
export * from './k.js';
export * as l from './l.js';
export const m = 1;
export function n() { return 2; }
)";
    CHECK(specifiers(js) == std::vector<std::string>{"./a.js", "../lib/d.js", "/lib/e.js", "./f.js", "./side.js",
                                                      "./multi.js", "./j.js", "./k.js", "./l.js"});
    CHECK(specifiers(js, true).empty());
}

TEST_CASE("static files: the scanner takes import() with a literal and nothing else dynamic", "[net][static]") {
    const auto js = R"(const r = await import('./results.js');
const s = import ( "./spaced.js" );
const t = import(name);
const u = import(`./template-${x}.js`);
console.log(import.meta.url);)";
    CHECK(specifiers(js, true) == std::vector<std::string>{"./results.js", "./spaced.js"});
    CHECK(specifiers(js).empty());
}

TEST_CASE("static files: the word import in comments, strings and properties is not an import", "[net][static]") {
    const auto js = R"(// import x from './comment.js';
/* import y from './block.js'; */
const s = "import z from './string.js'";
const t = 'export * from "./string2.js"';
const u = `import w from './template.js'`;
const o = { import: 1 };
o.import('./member.js');
const label = 'Import questions from a file'; import real from './real.js';)";
    CHECK(specifiers(js) == std::vector<std::string>{"./real.js"});
    CHECK(specifiers(js, true).empty());
}

TEST_CASE("static files: specifiers resolve against the module's URL path", "[net][static]") {
    CHECK(resolve_specifier("/exam/main.js", "./exam.js") == "/exam/exam.js");
    CHECK(resolve_specifier("/exam/main.js?v=abc", "../lib/i18n.js") == "/lib/i18n.js");
    CHECK(resolve_specifier("/exam/main.js", "/lib/net.js") == "/lib/net.js");
    CHECK(resolve_specifier("/index.html", "./exam/main.js") == "/exam/main.js");
    CHECK(resolve_specifier("/a/b/c.js", "./../x/./y.js?q=1") == "/a/x/y.js");
    CHECK_FALSE(resolve_specifier("/exam/main.js", "../../etc/passwd"));
    CHECK_FALSE(resolve_specifier("/exam/main.js", "lodash"));
    CHECK_FALSE(resolve_specifier("/exam/main.js", "//cdn.example/x.js"));
    CHECK_FALSE(resolve_specifier("/exam/main.js", "https://cdn.example/x.js"));
}

TEST_CASE("static files: the loader writes the import map, modulepreload and versions into a page", "[net][static]") {
    tanu_test::temp_dir dir;
    write(dir.path / "index.html",
          "<!doctype html><head>\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'\">\n"
          "<link rel=\"stylesheet\" href=\"/style.css\">\n"
          "<script type=\"module\" src=\"/app/main.js\"></script>\n</head>");
    write(dir.path / "style.css", "body { color: black; }");
    write(dir.path / "app/main.js", "import { a } from './a.js';\nimport '../lib/b.js';\n");
    write(dir.path / "app/a.js", "export const a = 1;\n");
    write(dir.path / "lib/b.js", "import { a } from '../app/a.js';\n");
    write(dir.path / "lib/unused.js", "export const u = 2;\n");
    write(dir.path / ".hidden.js", "secret");

    const auto site = static_site::load(dir.path);
    CHECK(site.files().size() == 6);
    CHECK_FALSE(site.find(".hidden.js"));
    const auto* page = site.find("index.html");
    REQUIRE(page);
    const auto v = [&](const std::string& rel) { return site.find(rel)->version; };
    const std::string& html = page->body;
    CHECK(html.find("src=\"/app/main.js?v=" + v("app/main.js") + "\"") != std::string::npos);
    CHECK(html.find("href=\"/style.css?v=" + v("style.css") + "\"") != std::string::npos);
    for (const char* m : {"app/a.js", "lib/b.js"})
        CHECK(html.find("<link rel=\"modulepreload\" href=\"/" + std::string(m) + "?v=" + v(m) + "\">") !=
              std::string::npos);
    CHECK(html.find("modulepreload\" href=\"/lib/unused.js") == std::string::npos);
    CHECK(html.find("\"/lib/unused.js\": \"/lib/unused.js?v=" + v("lib/unused.js") + "\"") != std::string::npos);
    // The import map comes before the module script, and its hash is in both policies.
    const auto open = html.find("<script type=\"importmap\">");
    REQUIRE(open != std::string::npos);
    CHECK(open < html.find("<script type=\"module\""));
    const auto start = open + std::string_view("<script type=\"importmap\">").size();
    const auto map = html.substr(start, html.find("</script>", start) - start);
    const auto source = "'sha256-" + csp_sha256(map) + "'";
    CHECK(html.find("script-src 'self' " + source) != std::string::npos);
    CHECK(page->csp.find("script-src 'self' " + source) != std::string::npos);
    CHECK(page->csp.find("unsafe-inline") == std::string::npos);
    CHECK(site.find("app/a.js")->csp == static_csp);
    // The page's ETag is the hash of what is served.
    CHECK(page->hash.size() == 32);
    CHECK(page->version == page->hash.substr(0, 12));
}

TEST_CASE("static files: a module loaded by import() is versioned but not preloaded", "[net][static]") {
    // The exam page loads the exam and its results only when needed (issue 10's
    // first load): a preload would put them back on the first screen's path.
    tanu_test::temp_dir dir;
    write(dir.path / "index.html", "<!doctype html><head><script type=\"module\" src=\"/main.js\"></script></head>");
    write(dir.path / "main.js",
          "import { s } from './strings.js';\nconst later = () => import('./exam.js');\n");
    write(dir.path / "strings.js", "export const s = 1;\n");
    write(dir.path / "exam.js", "import { m } from './media.js';\nexport const Exam = m;\n");
    write(dir.path / "media.js", "export const m = 2;\n");
    const auto site = static_site::load(dir.path);
    const auto v = [&](const std::string& rel) { return site.find(rel)->version; };
    const std::string& html = site.find("index.html")->body;
    CHECK(html.find("<link rel=\"modulepreload\" href=\"/strings.js?v=" + v("strings.js") + "\">") != std::string::npos);
    CHECK(html.find("modulepreload\" href=\"/exam.js") == std::string::npos);
    CHECK(html.find("modulepreload\" href=\"/media.js") == std::string::npos);  // nor what only it imports
    CHECK(html.find("\"/exam.js\": \"/exam.js?v=" + v("exam.js") + "\"") != std::string::npos);
    CHECK(html.find("\"/media.js\": \"/media.js?v=" + v("media.js") + "\"") != std::string::npos);
}

TEST_CASE("static files: a web root over the file or byte limit is refused with a clear message", "[net][static]") {
    tanu_test::temp_dir dir;
    for (int i = 0; i < 4; ++i) write(dir.path / ("f" + std::to_string(i) + ".txt"), std::string(100, 'x'));
    CHECK_NOTHROW(static_site::load(dir.path, {.max_bytes = 400, .max_files = 4}));
    CHECK_THROWS_WITH(static_site::load(dir.path, {.max_bytes = 1000, .max_files = 3}),
                      Catch::Contains("more than 3 files"));
    CHECK_THROWS_WITH(static_site::load(dir.path, {.max_bytes = 399, .max_files = 10}),
                      Catch::Contains("more than 399 bytes"));
    CHECK_THROWS_WITH(static_site::load(dir.path / "missing"), Catch::Contains("not a directory"));
}

TEST_CASE("static files: a symlink out of the web root is not loaded", "[net][static]") {
    tanu_test::temp_dir dir;
    write(dir.path / "index.html", "<!doctype html>");
    fs::create_symlink("/etc/passwd", dir.path / "leak.txt");
    fs::create_directory_symlink("/etc", dir.path / "etc");
    fs::create_symlink(dir.path / "index.html", dir.path / "alias.html");
    const auto site = static_site::load(dir.path);
    CHECK_FALSE(site.find("leak.txt"));
    CHECK_FALSE(site.find("etc/passwd"));
    CHECK(site.find("alias.html"));  // inside the root: served, as static_path allows
}
