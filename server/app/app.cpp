#include "server/app/app.hpp"

#include <algorithm>
#include <optional>
#include <openssl/ssl.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "exam/common/clock.hpp"
#include "server/accounts/auth.hpp"
#include "server/accounts/store.hpp"
#include "server/app/modules.hpp"
#include "server/audit/audit.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/db/migrator.hpp"
#include "server/exam/exam_service.hpp"
#include "server/exam/sitting_hub.hpp"
#include "server/http/router.hpp"
#include "server/net/listener.hpp"
#include "server/net/server_context.hpp"
#include "server/platform/tls_cert.hpp"
#include "server/proctoring/proctor_service.hpp"

namespace tanu::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

void prepare_data_dir(const server_config& cfg, logger& log) {
    std::filesystem::create_directories(cfg.data_dir);
    ::chmod(cfg.data_dir.c_str(), 0700);
    db d(cfg.db_path());
    int applied = migrate(d, embedded_migrations());
    if (applied) log.info("db", "applied " + std::to_string(applied) + " migration(s); schema version " +
                                    std::to_string(d.user_version()));
}

std::unique_ptr<net::ssl::context> make_tls(const server_config& cfg, logger& log) {
    auto cert = cfg.cert.empty() ? cfg.data_dir / "tls" / "cert.pem" : cfg.cert;
    auto key = cfg.key.empty() ? cfg.data_dir / "tls" / "key.pem" : cfg.key;
    if (cfg.cert.empty()) {
        std::filesystem::create_directories(cert.parent_path());
        bool existed = std::filesystem::exists(cert) && std::filesystem::exists(key);
        ensure_self_signed(cert, key, cfg.host);
        if (!existed) log.info("tls", "made a self-signed certificate " + cert.string());
    }
    auto ctx = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
    ctx->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                     net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1 |
                     net::ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    // Mozilla's "intermediate" profile as Debian 12's OpenSSL 3.0 allows: for
    // TLS 1.2 only ECDHE with AEAD ciphers (no CBC suites: LUCKY13; no plain
    // RSA key exchange: no forward secrecy); TLS 1.3's suites are all AEAD and
    // stay OpenSSL's defaults. Groups named, not left to the library.
    if (SSL_CTX_set_cipher_list(ctx->native_handle(),
                                "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305") != 1)
        throw std::runtime_error("the TLS 1.2 cipher list was refused by OpenSSL");
    if (SSL_CTX_set1_groups_list(ctx->native_handle(), "X25519:prime256v1:secp384r1") != 1)
        throw std::runtime_error("the TLS groups were refused by OpenSSL");
    SSL_CTX_set_options(ctx->native_handle(), SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION |
                                                  SSL_OP_NO_COMPRESSION);
    ctx->use_certificate_chain_file(cert.string());
    ctx->use_private_key_file(key.string(), net::ssl::context::pem);
    return ctx;
}

std::string url_of(const server_config& cfg, const tcp::endpoint& ep) {
    std::string host = ep.address().to_string();
    if (ep.address().is_v6()) host = "[" + host + "]";
    return std::string(cfg.tls ? "https://" : "http://") + host + ":" + std::to_string(ep.port());
}

// A stock service starts with 1,024 descriptors (the soft limit), about a
// thousand candidates; the hard limit is what the administrator allows. Take
// it all: every connection, database reader and evidence file needs one.
void raise_open_files(logger& log) {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return;
    const auto before = lim.rlim_cur;
    if (lim.rlim_cur == lim.rlim_max) return;
    lim.rlim_cur = lim.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &lim) != 0) {
        log.warn("server", "could not raise the open-file limit from " + std::to_string(before));
        return;
    }
    log.info("server", "open-file limit raised from " + std::to_string(before) + " to " + std::to_string(lim.rlim_cur));
}

}  // namespace

int serve(const server_config& cfg_in) {
    server_config cfg = cfg_in;
    if (cfg.web_root.empty()) cfg.web_root = TANU_DEFAULT_WEB_ROOT;
    logger log;
    raise_open_files(log);
    try {
        prepare_data_dir(cfg, log);
    } catch (const std::exception& e) {
        std::cerr << "tanu: " << e.what() << "\n";
        return 1;
    }
    // The clock the server keeps; clock_start (tests, demonstrations) moves it.
    exam::offset_clock clock(cfg.clock_start.empty() ? 0
                                                     : *parse_instant_ms(cfg.clock_start) - exam::system_clock{}.now_ms());
    if (!cfg.clock_start.empty())
        log.warn("server", "the clock starts at " + cfg.clock_start + " (config clock_start): for tests and demonstrations only");
    db_writer writer(cfg.db_path(), log, cfg.db.group_commit_max);
    db_readers readers(cfg.db_path(), cfg.db.readers ? cfg.db.readers : cfg.workers);
    sitting_hub hub;
    net::thread_pool workers(cfg.workers);
    sitting_owners owners;  // filled by make_modules, before anything is served
    exam_service exams(writer, readers, clock, hub, workers, log, owners);
    std::unique_ptr<proctor_service> proctoring;
    try {
        proctoring = std::make_unique<proctor_service>(cfg, writer, readers, exams, hub, clock, log);
    } catch (const std::exception& e) {
        std::cerr << "tanu: proctoring: " << e.what() << "\n";
        return 1;
    }
    try {  // events logged before the hash chain existed join it
        if (int n = writer.call([](db& d) { return audit::chain_unchained(d); }))
            log.info("audit", std::to_string(n) + " earlier events chained");
    } catch (const std::exception& e) {
        std::cerr << "tanu: audit chain: " << e.what() << "\n";
        return 1;
    }
    notice_bell notices;
    platform plat{cfg, writer, readers, clock, log, workers, notices, {}};
    engine eng{exams, *proctoring, hub, owners};
    module_list modules;
    try {
        modules = make_modules(plat, eng);
    } catch (const std::exception& e) {
        std::cerr << "tanu: " << e.what() << "\n";
        return 1;
    }
    accounts_routes& accounts = *modules.accounts;
    router routes([&accounts](const request& req) { return accounts.authenticate(req); }, cfg.http.body_limit,
                  cfg.auth.trusted_proxies, log);
    for (auto& m : modules.all) m->routes(routes);
    std::unique_ptr<net::ssl::context> tls;
    if (cfg.tls) {
        try {
            tls = make_tls(cfg, log);
        } catch (const std::exception& e) {
            std::cerr << "tanu: TLS: " << e.what() << "\n";
            return 1;
        }
    }
    // web/ in memory with its compressed variants and versioned pages (net/static_files.hpp).
    std::optional<static_site> site;
    try {
        site = static_site::load(cfg.web_root);
    } catch (const std::exception& e) {
        std::cerr << "tanu: " << e.what() << "\n";
        return 1;
    }
    server_context ctx{cfg, routes, *site, log, workers, tls.get()};

    net::io_context ioc{1};
    std::shared_ptr<listener> lst;
    try {
        lst = std::make_shared<listener>(ioc, tcp::endpoint(net::ip::make_address(cfg.host), cfg.port), ctx);
    } catch (const std::exception& e) {
        std::cerr << "tanu: " << e.what() << "\n";
        return 1;
    }
    lst->run();

    // The server's clock finishes attempts at their deadline, connected or not.
    net::steady_timer sweeper(ioc);
    std::atomic<bool> sweeping{false};
    std::uint64_t sweeps = 0;
    std::function<void()> schedule_sweep = [&] {
        sweeper.expires_after(std::chrono::milliseconds(500));
        sweeper.async_wait([&](boost::system::error_code ec) {
            if (ec || ctx.stopping) return;
            if (!sweeping.exchange(true))
                net::post(workers, [&] {
                    try {
                        exams.sweep();
                    } catch (const std::exception& e) {
                        log.error("exam", std::string("sweep failed: ") + e.what());
                    }
                    // Give memory freed after a burst (a thousand papers built at
                    // once) back to the system instead of holding the peak.
                    if (++sweeps % 20 == 0) malloc_trim(0);
                    sweeping = false;
                });
            schedule_sweep();
        });
    };
    exams.server_started();  // X6: candidates of attempts open while the server was down are away from now
    schedule_sweep();

    // Expired login tokens and WebSocket tickets, every auth.token_purge_s (a
    // writer job: the timer does not wait for it).
    net::steady_timer purger(ioc);
    std::function<void()> schedule_purge = [&] {
        purger.expires_after(std::chrono::seconds(cfg.auth.token_purge_s));
        purger.async_wait([&](boost::system::error_code ec) {
            if (ec || ctx.stopping) return;
            try {
                accounts.purge_expired_tokens();
            } catch (const std::exception& e) {
                log.error("auth", std::string("token purge failed: ") + e.what());
            }
            schedule_purge();
        });
    };
    schedule_purge();

    net::steady_timer drain(ioc);
    auto deadline = std::make_shared<std::chrono::steady_clock::time_point>();
    std::function<void()> wait_drained = [&] {
        drain.expires_after(std::chrono::milliseconds(50));
        drain.async_wait([&](boost::system::error_code) {
            bool idle = ctx.in_flight == 0 && ctx.ws_open == 0;
            if (idle || std::chrono::steady_clock::now() > *deadline) return ioc.stop();
            wait_drained();
        });
    };

    net::signal_set signals(ioc, SIGINT, SIGTERM);
    std::function<void()> on_signal = [&] {
        signals.async_wait([&](boost::system::error_code ec, int sig) {
            if (ec) return;
            if (ctx.stopping.exchange(true)) {
                std::cerr << "tanu: second signal, stopping now\n";
                std::_Exit(1);
            }
            log.info("server", std::string("signal ") + std::to_string(sig) + ": stopping gracefully");
            lst->stop();
            sweeper.cancel();
            purger.cancel();
            for (auto& peer : hub.all()) peer->going_away();
            *deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            wait_drained();
            on_signal();
        });
    };
    on_signal();

    plat.own_url = url_of(cfg, lst->local_endpoint());
    for (auto& m : modules.all) m->on_start();
    std::cout << "listening on " << url_of(cfg, lst->local_endpoint()) << std::endl;
    log.info("server", "data " + cfg.data_dir.string() + ", web " + cfg.web_root.string());
    ioc.run();
    proctoring->stop();
    for (auto it = modules.all.rbegin(); it != modules.all.rend(); ++it) (*it)->on_stop();
    workers.join();
    writer.stop();  // every queued write is committed before the process ends
    log.info("server", "stopped");
    return 0;
}

int add_user(const server_config& cfg, const std::string& login, const std::string& role, const std::string& password) {
    logger log(log_level::warn);
    // --role commission,appeal: every role the user holds, the first its main one.
    std::vector<tanu::server::role> roles;
    for (std::size_t i = 0; i <= role.size();) {
        auto comma = role.find(',', i);
        if (comma == std::string::npos) comma = role.size();
        auto r = parse_role(std::string_view(role).substr(i, comma - i));
        if (!r || std::find(roles.begin(), roles.end(), *r) != roles.end()) {
            std::cerr << "tanu: --role is admin, commission, appeal, registrar, head or candidate, or several of them separated by commas\n";
            return 2;
        }
        roles.push_back(*r);
        i = comma + 1;
    }
    if (auto problem = credentials_problem(login, password)) {
        std::cerr << "tanu: " << *problem << "\n";
        return 2;
    }
    try {
        prepare_data_dir(cfg, log);
        db d(cfg.db_path());
        transaction tx(d);
        if (store::find_user(d, login)) {
            std::cerr << "tanu: the login '" << login << "' exists\n";
            return 1;
        }
        auto id = store::insert_user(d, login, std::string(role_name(roles.front())),
                                     hash_password(password, cfg.auth.argon2), exam::system_clock{}.now_ms());
        for (auto r : roles) store::grant_role(d, id, r);
        tx.commit();
        std::cout << id << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "tanu: " << e.what() << "\n";
        return 1;
    }
}

int audit_verify(const server_config& cfg) {
    try {
        if (!std::filesystem::exists(cfg.db_path())) {
            std::cerr << "tanu: no database at " << cfg.db_path().string() << "\n";
            return 2;
        }
        db d(cfg.db_path(), true);
        const auto rep = audit::verify(d);
        for (const auto& b : rep.breaks) std::cout << "break: " << b << "\n";
        std::cout << (rep.ok() ? "ok: " : "BROKEN: ") << rep.events << " events in " << rep.sittings << " sittings, "
                  << rep.audit_entries << " audit entries, " << rep.breaks.size() << " breaks\n";
        return rep.ok() ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "tanu: " << e.what() << "\n";
        return 2;
    }
}

}  // namespace tanu::server
