#include <catch2/catch.hpp>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include <sys/stat.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "server/platform/tls_cert.hpp"
#include "tests/server/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

// A fresh folder, removed with everything in it at the end of the test.
using tanu_test::temp_dir;

struct x509_free_fn {
    void operator()(X509* x) const { X509_free(x); }
};
struct pkey_free_fn {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct names_free_fn {
    void operator()(GENERAL_NAMES* n) const { GENERAL_NAMES_free(n); }
};
struct store_free_fn {
    void operator()(X509_STORE* s) const { X509_STORE_free(s); }
};
struct store_ctx_free_fn {
    void operator()(X509_STORE_CTX* c) const { X509_STORE_CTX_free(c); }
};
struct file_close_fn {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

std::unique_ptr<X509, x509_free_fn> read_cert(const fs::path& p) {
    std::unique_ptr<std::FILE, file_close_fn> f(std::fopen(p.c_str(), "r"));
    REQUIRE(f);
    return std::unique_ptr<X509, x509_free_fn>(PEM_read_X509(f.get(), nullptr, nullptr, nullptr));
}

std::unique_ptr<EVP_PKEY, pkey_free_fn> read_key(const fs::path& p) {
    std::unique_ptr<std::FILE, file_close_fn> f(std::fopen(p.c_str(), "r"));
    REQUIRE(f);
    return std::unique_ptr<EVP_PKEY, pkey_free_fn>(PEM_read_PrivateKey(f.get(), nullptr, nullptr, nullptr));
}

std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

// The subjectAltName entries as "DNS:name" / "IP:<n> bytes:hex".
std::set<std::string> alt_names(X509* cert) {
    std::set<std::string> out;
    std::unique_ptr<GENERAL_NAMES, names_free_fn> names(
        static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
    REQUIRE(names);
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME* n = sk_GENERAL_NAME_value(names.get(), i);
        int type = 0;
        const auto* value = static_cast<const ASN1_STRING*>(GENERAL_NAME_get0_value(n, &type));
        const unsigned char* data = ASN1_STRING_get0_data(value);
        const int length = ASN1_STRING_length(value);
        if (type == GEN_DNS) {
            out.insert("DNS:" + std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length)));
        } else if (type == GEN_IPADD) {
            std::string hex = "IP:";
            char buf[3];
            for (int k = 0; k < length; ++k) {
                std::snprintf(buf, sizeof buf, "%02x", data[k]);
                hex += buf;
            }
            out.insert(hex);
        }
    }
    return out;
}

std::string common_name(X509* cert) {
    char buf[256] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, buf, sizeof buf);
    return buf;
}

const std::string ip_127 = "IP:7f000001";
const std::string ip_v6_loop = "IP:00000000000000000000000000000001";

}  // namespace

TEST_CASE("ensure_self_signed makes a P-256 certificate and a private key only its owner can read", "[tls]") {
    temp_dir dir;
    const auto cert_path = dir.path / "tls" / "cert.pem";
    const auto key_path = dir.path / "tls" / "key.pem";

    tanu::server::ensure_self_signed(cert_path, key_path, "exam.example.org");

    REQUIRE(fs::exists(cert_path));
    REQUIRE(fs::exists(key_path));
    struct stat st {};
    REQUIRE(::stat(key_path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_FALSE(fs::exists(dir.path / "tls" / "key.pem.tmp"));
    CHECK_FALSE(fs::exists(dir.path / "tls" / "cert.pem.tmp"));

    auto cert = read_cert(cert_path);
    auto key = read_key(key_path);
    REQUIRE(cert);
    REQUIRE(key);
    CHECK(X509_check_private_key(cert.get(), key.get()) == 1);

    CHECK(EVP_PKEY_is_a(key.get(), "EC") == 1);
    char group[64] = {};
    std::size_t group_len = 0;
    REQUIRE(EVP_PKEY_get_group_name(key.get(), group, sizeof group, &group_len) == 1);
    CHECK(std::string(group) == "prime256v1");

    CHECK(X509_get_signature_nid(cert.get()) == NID_ecdsa_with_SHA256);
    CHECK(X509_get_version(cert.get()) == X509_VERSION_3);
    CHECK(common_name(cert.get()) == "tanu");
    CHECK(X509_check_issued(cert.get(), cert.get()) == X509_V_OK);  // self-signed
    {
        std::unique_ptr<EVP_PKEY, pkey_free_fn> pub(X509_get_pubkey(cert.get()));
        CHECK(X509_verify(cert.get(), pub.get()) == 1);
    }

    int days = 0;
    int seconds = 0;
    REQUIRE(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert.get()), X509_get0_notAfter(cert.get())) == 1);
    CHECK(days == 825);
    CHECK(seconds == 0);
    CHECK(X509_cmp_current_time(X509_get0_notBefore(cert.get())) <= 0);
    CHECK(X509_cmp_current_time(X509_get0_notAfter(cert.get())) > 0);

    const auto names = alt_names(cert.get());
    CHECK(names == std::set<std::string>{"DNS:localhost", ip_127, ip_v6_loop, "DNS:exam.example.org"});
    CHECK(X509_check_host(cert.get(), "localhost", 0, 0, nullptr) == 1);
    CHECK(X509_check_ip_asc(cert.get(), "127.0.0.1", 0) == 1);
    CHECK(X509_check_ip_asc(cert.get(), "::1", 0) == 1);
    CHECK(X509_check_host(cert.get(), "exam.example.org", 0, 0, nullptr) == 1);
    CHECK((X509_get_extension_flags(cert.get()) & EXFLAG_CA) == 0);
}

TEST_CASE("a client that trusts cert.pem verifies the certificate as a TLS server for localhost", "[tls]") {
    temp_dir dir;
    const auto cert_path = dir.path / "cert.pem";
    tanu::server::ensure_self_signed(cert_path, dir.path / "key.pem", "");
    auto cert = read_cert(cert_path);
    REQUIRE(cert);

    std::unique_ptr<X509_STORE, store_free_fn> store(X509_STORE_new());
    REQUIRE(store);
    REQUIRE(X509_STORE_add_cert(store.get(), cert.get()) == 1);
    std::unique_ptr<X509_STORE_CTX, store_ctx_free_fn> ctx(X509_STORE_CTX_new());
    REQUIRE(ctx);
    REQUIRE(X509_STORE_CTX_init(ctx.get(), store.get(), cert.get(), nullptr) == 1);
    X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER);
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    std::string host = "localhost";
    SECTION("by name") {}
    SECTION("by address") { host = "127.0.0.1"; }
    if (host == "localhost") REQUIRE(X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0) == 1);
    else REQUIRE(X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1);

    const int ok = X509_verify_cert(ctx.get());
    INFO(X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get())));
    CHECK(ok == 1);
}

TEST_CASE("ensure_self_signed leaves an existing pair untouched", "[tls]") {
    temp_dir dir;
    const auto cert_path = dir.path / "cert.pem";
    const auto key_path = dir.path / "key.pem";
    tanu::server::ensure_self_signed(cert_path, key_path, "");
    const std::string cert_before = slurp(cert_path);
    const std::string key_before = slurp(key_path);
    const auto cert_time = fs::last_write_time(cert_path);
    const auto key_time = fs::last_write_time(key_path);

    tanu::server::ensure_self_signed(cert_path, key_path, "10.1.2.3");

    CHECK(slurp(cert_path) == cert_before);
    CHECK(slurp(key_path) == key_before);
    CHECK(fs::last_write_time(cert_path) == cert_time);
    CHECK(fs::last_write_time(key_path) == key_time);
}

TEST_CASE("ensure_self_signed replaces a lone certificate or key with a new matching pair", "[tls]") {
    temp_dir dir;
    const auto cert_path = dir.path / "cert.pem";
    const auto key_path = dir.path / "key.pem";
    tanu::server::ensure_self_signed(cert_path, key_path, "");
    const std::string old_key = slurp(key_path);

    fs::remove(cert_path);
    tanu::server::ensure_self_signed(cert_path, key_path, "");
    CHECK(slurp(key_path) != old_key);
    auto cert = read_cert(cert_path);
    auto key = read_key(key_path);
    REQUIRE(cert);
    REQUIRE(key);
    CHECK(X509_check_private_key(cert.get(), key.get()) == 1);

    fs::remove(key_path);
    tanu::server::ensure_self_signed(cert_path, key_path, "");
    cert = read_cert(cert_path);
    key = read_key(key_path);
    REQUIRE(cert);
    REQUIRE(key);
    CHECK(X509_check_private_key(cert.get(), key.get()) == 1);
}

TEST_CASE("ensure_self_signed names the host in subjectAltName", "[tls]") {
    temp_dir dir;
    const auto cert_path = dir.path / "cert.pem";
    const auto key_path = dir.path / "key.pem";
    using set = std::set<std::string>;
    const set base{"DNS:localhost", ip_127, ip_v6_loop};

    SECTION("no host: only the loopback names") {
        tanu::server::ensure_self_signed(cert_path, key_path, "");
        CHECK(alt_names(read_cert(cert_path).get()) == base);
    }
    SECTION("an IPv4 address") {
        tanu::server::ensure_self_signed(cert_path, key_path, "192.168.1.5");
        auto cert = read_cert(cert_path);
        set expected = base;
        expected.insert("IP:c0a80105");
        CHECK(alt_names(cert.get()) == expected);
        CHECK(X509_check_ip_asc(cert.get(), "192.168.1.5", 0) == 1);
    }
    SECTION("a bracketed IPv6 address") {
        tanu::server::ensure_self_signed(cert_path, key_path, "[fd00::5]");
        auto cert = read_cert(cert_path);
        CHECK(X509_check_ip_asc(cert.get(), "fd00::5", 0) == 1);
        CHECK(alt_names(cert.get()).size() == 4);
    }
    SECTION("loopback and wildcard addresses add nothing") {
        for (const char* host : {"127.0.0.1", "::1", "localhost", "0.0.0.0", "::"}) {
            fs::remove(cert_path);
            tanu::server::ensure_self_signed(cert_path, key_path, host);
            CHECK(alt_names(read_cert(cert_path).get()) == base);
        }
    }
    SECTION("a host that is no name is refused") {
        CHECK_THROWS_AS(tanu::server::ensure_self_signed(cert_path, key_path, "a,DNS:evil.example"),
                        std::runtime_error);
        CHECK_FALSE(fs::exists(cert_path));
        CHECK_FALSE(fs::exists(key_path));
    }
}

TEST_CASE("ensure_self_signed reports a folder it cannot write", "[tls]") {
    temp_dir dir;
    const auto blocker = dir.path / "file";
    std::ofstream(blocker) << "x";
    // A regular file where a folder should be: creating the folder fails for root too.
    try {
        tanu::server::ensure_self_signed(blocker / "cert.pem", blocker / "key.pem", "");
        FAIL("no exception");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("self-signed certificate"));
    }
}
