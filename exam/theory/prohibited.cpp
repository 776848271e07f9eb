#include "exam/theory/prohibited.hpp"

#include <algorithm>

namespace tanu::exam {

bool is_prohibited_item(std::string_view code) {
    return std::find(prohibited_items.begin(), prohibited_items.end(), code) != prohibited_items.end();
}

bool is_strike_signal(std::string_view code) {
    return std::find(strike_signals.begin(), strike_signals.end(), code) != strike_signals.end();
}

}  // namespace tanu::exam
