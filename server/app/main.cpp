// tanu: the command line (docs/api.md). Thin: parses arguments into a config
// and hands over to the composition root.
#include <malloc.h>

#include <iostream>
#include <string>
#include <vector>

#include "proctor/proctor.hpp"
#include "server/app/app.hpp"
#include "server/platform/config.hpp"

namespace {

constexpr const char* usage =
    "usage:\n"
    "  tanu serve --data DIR [--listen HOST:PORT] [--no-tls] [--config FILE] [--web DIR]\n"
    "  tanu user add --data DIR --login LOGIN --role ROLE[,ROLE...] --password-stdin [--config FILE]\n"
    "  tanu proctor analyze FILE...\n"
    "  tanu audit verify --data DIR\n"
    "  tanu version\n";

int fail(const std::string& message) {
    std::cerr << "tanu: " << message << "\n" << usage;
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return fail("no command");
    try {
        if (args[0] == "version" || args[0] == "--version") {
            std::cout << "tanu 0.1.0\n";
            return 0;
        }
        if (args[0] == "proctor") {
            if (args.size() < 3 || args[1] != "analyze") return fail("proctor analyze needs at least one FILE");
            std::vector<std::string> files(args.begin() + 2, args.end());
            tanu::server::server_config defaults;
            return tanu::proctor::analyze_files(files, std::cout, std::cerr, defaults.proctoring.analysis);
        }
        if (args[0] == "audit") {
            if (args.size() != 4 || args[1] != "verify" || args[2] != "--data") return fail("audit verify needs --data DIR");
            tanu::server::server_config cfg;
            cfg.data_dir = args[3];
            return tanu::server::audit_verify(cfg);
        }
        bool is_serve = args[0] == "serve";
        bool is_user_add = args.size() >= 2 && args[0] == "user" && args[1] == "add";
        if (!is_serve && !is_user_add) return fail("unknown command '" + args[0] + "'");
        tanu::server::server_config cfg;
        std::string listen, config_file, login, role;
        bool no_tls = false, password_stdin = false;
        for (std::size_t i = is_serve ? 1 : 2; i < args.size(); ++i) {
            const auto& a = args[i];
            auto value = [&]() -> std::string {
                if (i + 1 >= args.size()) throw tanu::server::config_error(a + " needs a value");
                return args[++i];
            };
            if (a == "--data") cfg.data_dir = value();
            else if (a == "--config") config_file = value();
            else if (is_serve && a == "--listen") listen = value();
            else if (is_serve && a == "--no-tls") no_tls = true;
            else if (is_serve && a == "--web") cfg.web_root = value();
            else if (is_user_add && a == "--login") login = value();
            else if (is_user_add && a == "--role") role = value();
            else if (is_user_add && a == "--password-stdin") password_stdin = true;
            else return fail("unknown option '" + a + "'");
        }
        if (!config_file.empty()) tanu::server::apply_config_file(cfg, config_file);
        if (!listen.empty()) tanu::server::apply_listen(cfg, listen);
        if (no_tls) cfg.tls = false;
        tanu::server::validate(cfg);
        if (is_serve) {
            // Few malloc arenas: the workers build papers in turn, and one arena
            // per thread multiplies idle memory without making anything faster here.
            mallopt(M_ARENA_MAX, 2);
            return tanu::server::serve(cfg);
        }
        if (login.empty() || role.empty()) return fail("user add needs --login and --role");
        if (!password_stdin) return fail("user add reads the password from standard input: give --password-stdin");
        std::string password;
        std::getline(std::cin, password);
        if (!password.empty() && password.back() == '\r') password.pop_back();
        return tanu::server::add_user(cfg, login, role, password);
    } catch (const tanu::server::config_error& e) {
        return fail(e.what());
    } catch (const std::exception& e) {
        std::cerr << "tanu: " << e.what() << "\n";
        return 1;
    }
}
