#include "server/platform/tls_cert.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <memory>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace tanu::server {

namespace fs = std::filesystem;

namespace {

template <auto free_fn>
struct openssl_deleter {
    template <class T>
    void operator()(T* p) const {
        free_fn(p);
    }
};

using pkey_ptr = std::unique_ptr<EVP_PKEY, openssl_deleter<EVP_PKEY_free>>;
using x509_ptr = std::unique_ptr<X509, openssl_deleter<X509_free>>;
using bignum_ptr = std::unique_ptr<BIGNUM, openssl_deleter<BN_free>>;
using extension_ptr = std::unique_ptr<X509_EXTENSION, openssl_deleter<X509_EXTENSION_free>>;
using general_names_ptr = std::unique_ptr<GENERAL_NAMES, openssl_deleter<GENERAL_NAMES_free>>;
using general_name_ptr = std::unique_ptr<GENERAL_NAME, openssl_deleter<GENERAL_NAME_free>>;
using octets_ptr = std::unique_ptr<ASN1_OCTET_STRING, openssl_deleter<ASN1_OCTET_STRING_free>>;
using ia5_ptr = std::unique_ptr<ASN1_IA5STRING, openssl_deleter<ASN1_IA5STRING_free>>;

// The OpenSSL error queue in words (emptied).
std::string openssl_errors() {
    std::string out;
    while (unsigned long e = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        if (!out.empty()) out += "; ";
        out += buf;
    }
    return out.empty() ? "no details from OpenSSL" : out;
}

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("self-signed certificate: " + what + " failed: " + openssl_errors());
}

[[noreturn]] void fail_errno(const std::string& what, const fs::path& path) {
    const int e = errno;
    throw std::runtime_error("self-signed certificate: " + what + " " + path.string() + ": " + std::strerror(e));
}

// ------------------------------------------------------------ subjectAltName

void push_name(GENERAL_NAMES* names, int type, void* value) {
    general_name_ptr name(GENERAL_NAME_new());
    if (!name) fail("GENERAL_NAME_new");
    GENERAL_NAME_set0_value(name.get(), type, value);
    if (sk_GENERAL_NAME_push(names, name.get()) == 0) fail("adding a subjectAltName");
    static_cast<void>(name.release());
}

void add_ip(GENERAL_NAMES* names, const std::string& ip) {
    octets_ptr octets(a2i_IPADDRESS(ip.c_str()));
    if (!octets) fail("reading IP address " + ip);
    push_name(names, GEN_IPADD, octets.release());
}

void add_dns(GENERAL_NAMES* names, const std::string& dns) {
    ia5_ptr ia5(ASN1_IA5STRING_new());
    if (!ia5 || ASN1_STRING_set(ia5.get(), dns.data(), static_cast<int>(dns.size())) == 0)
        fail("encoding DNS name " + dns);
    push_name(names, GEN_DNS, ia5.release());
}

bool is_dns_name(const std::string& s) {
    if (s.empty() || s.size() > 253 || s.front() == '.' || s.front() == '-') return false;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '.' || c == '_';
        if (!ok) return false;
    }
    return true;
}

bool all_zero(const ASN1_OCTET_STRING* octets) {
    const unsigned char* data = ASN1_STRING_get0_data(octets);
    for (int i = 0; i < ASN1_STRING_length(octets); ++i)
        if (data[i] != 0) return false;
    return true;
}

// localhost, 127.0.0.1 and ::1 always; `host` too when it names something else.
void add_subject_alt_names(X509* cert, std::string host) {
    general_names_ptr names(GENERAL_NAMES_new());
    if (!names) fail("GENERAL_NAMES_new");
    add_dns(names.get(), "localhost");
    add_ip(names.get(), "127.0.0.1");
    add_ip(names.get(), "::1");

    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (!host.empty()) {
        octets_ptr ip(a2i_IPADDRESS(host.c_str()));
        ERR_clear_error();  // not being an IP address is no error
        if (ip) {
            octets_ptr loop4(a2i_IPADDRESS("127.0.0.1"));
            octets_ptr loop6(a2i_IPADDRESS("::1"));
            const bool known = ASN1_OCTET_STRING_cmp(ip.get(), loop4.get()) == 0 ||
                               ASN1_OCTET_STRING_cmp(ip.get(), loop6.get()) == 0;
            if (!known && !all_zero(ip.get())) push_name(names.get(), GEN_IPADD, ip.release());
        } else if (!is_dns_name(host)) {
            throw std::runtime_error("self-signed certificate: host '" + host +
                                     "' is neither an IP address nor a DNS name");
        } else if (host != "localhost") {
            add_dns(names.get(), host);
        }
    }
    if (X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT) != 1)
        fail("adding subjectAltName");
}

// ------------------------------------------------------------------ building

void add_extension(X509* cert, int nid, const char* value) {
    X509V3_CTX ctx{};
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    extension_ptr ext(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value));
    if (!ext) fail(std::string("making extension ") + OBJ_nid2sn(nid));
    if (X509_add_ext(cert, ext.get(), -1) != 1) fail(std::string("adding extension ") + OBJ_nid2sn(nid));
}

void set_random_serial(X509* cert) {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) fail("RAND_bytes");
    bytes[0] = static_cast<unsigned char>((bytes[0] & 0x7F) | 0x40);  // positive, full 16 bytes
    bignum_ptr bn(BN_bin2bn(bytes, sizeof bytes, nullptr));
    if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert))) fail("setting the serial number");
}

x509_ptr make_certificate(EVP_PKEY* key, const std::string& host) {
    x509_ptr cert(X509_new());
    if (!cert) fail("X509_new");
    if (X509_set_version(cert.get(), X509_VERSION_3) != 1) fail("X509_set_version");
    set_random_serial(cert.get());

    std::time_t now = std::time(nullptr);
    if (!X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, 0, &now) ||
        !X509_time_adj_ex(X509_getm_notAfter(cert.get()), self_signed_valid_days, 0, &now))
        fail("setting the validity");

    X509_NAME* name = X509_get_subject_name(cert.get());
    static constexpr unsigned char common_name[] = "tanu";
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, common_name, -1, -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), name) != 1)
        fail("setting the subject");
    if (X509_set_pubkey(cert.get(), key) != 1) fail("X509_set_pubkey");

    add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), NID_subject_key_identifier, "hash");
    add_subject_alt_names(cert.get(), host);

    if (X509_sign(cert.get(), key, EVP_sha256()) == 0) fail("signing the certificate");
    return cert;
}

// ------------------------------------------------------------------- writing

// Writes through a temporary file beside `path` (created with `mode`, never
// through a symlink), flushed to disk, then renamed over `path`.
void write_file(const fs::path& path, mode_t mode, const std::function<bool(std::FILE*)>& write) {
    fs::path tmp = path;
    tmp += ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) fail_errno("cannot create", tmp);
    if (::fchmod(fd, mode) != 0) {
        const int e = errno;
        ::close(fd);
        errno = e;
        fail_errno("cannot set the mode of", tmp);
    }
    std::FILE* f = ::fdopen(fd, "w");
    if (f == nullptr) {
        const int e = errno;
        ::close(fd);
        errno = e;
        fail_errno("cannot open", tmp);
    }
    const bool written = write(f);
    const bool flushed = std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
    const int flush_errno = errno;
    std::fclose(f);
    if (!written) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        fail("writing " + tmp.string());
    }
    if (!flushed) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        errno = flush_errno;
        fail_errno("cannot write", tmp);
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw std::runtime_error("self-signed certificate: cannot rename " + tmp.string() + " to " + path.string() +
                                 ": " + ec.message());
    }
}

void make_parent(const fs::path& path) {
    const fs::path parent = path.parent_path();
    if (parent.empty()) return;
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec)
        throw std::runtime_error("self-signed certificate: cannot create folder " + parent.string() + ": " +
                                 ec.message());
}

}  // namespace

void ensure_self_signed(const fs::path& cert_path, const fs::path& key_path, const std::string& host) {
    std::error_code ec;
    if (fs::exists(cert_path, ec) && fs::exists(key_path, ec)) return;

    ERR_clear_error();
    pkey_ptr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key) fail("generating an EC P-256 key");
    x509_ptr cert = make_certificate(key.get(), host);

    make_parent(cert_path);
    make_parent(key_path);
    // A lone leftover goes first, so that an interruption below never leaves a
    // pair that exists but does not match (the next start makes a new one).
    fs::remove(cert_path, ec);
    write_file(key_path, 0600, [&](std::FILE* f) {
        return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
    });
    write_file(cert_path, 0644, [&](std::FILE* f) { return PEM_write_X509(f, cert.get()) == 1; });
}

}  // namespace tanu::server
