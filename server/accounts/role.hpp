#pragma once
// The roles an account can hold, as a type. Their JSON and database names are
// mapped here and nowhere else.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tanu::server {

enum class role : std::uint8_t {
    admin,       // the centre's administrator
    commission,  // a member of the exam commission (seed 002 p.9)
    appeal,      // a member of the appeal commission (p.22)
    candidate,   // a person sitting the exam
    registrar,   // the centre's registrar: registers and checks applications (p.4-6)
    head,        // the head of the centre: signs refusals to contract (p.5) and documents (Appendix 2)
};

inline constexpr role all_roles[] = {role::admin, role::commission, role::appeal, role::candidate, role::registrar, role::head};

std::string_view role_name(role r);
std::optional<role> parse_role(std::string_view name);

// A set of roles (a user may hold several).
class role_set {
public:
    constexpr role_set() = default;
    constexpr role_set(std::initializer_list<role> rs) {
        for (role r : rs) bits_ |= bit(r);
    }
    constexpr bool has(role r) const { return (bits_ & bit(r)) != 0; }
    constexpr bool empty() const { return bits_ == 0; }
    constexpr bool intersects(role_set o) const { return (bits_ & o.bits_) != 0; }
    constexpr void add(role r) { bits_ |= bit(r); }
    std::vector<role> list() const;
    friend constexpr bool operator==(role_set, role_set) = default;

private:
    static constexpr std::uint32_t bit(role r) { return 1u << static_cast<unsigned>(r); }
    std::uint32_t bits_ = 0;
};

}  // namespace tanu::server
