#pragma once
// The personal file's PDF labels in kk, ru and en, by key.
#include <string>

namespace tanu::server::personal_file {

// The label of `key` in `lang` (kk, ru, en); the key itself when it has none.
std::string label(const std::string& key, const std::string& lang);
bool known_label_lang(const std::string& lang);
// A stored code (a status, a channel, a kind) in `lang`; the code itself when it has no words.
std::string value_label(const std::string& code, const std::string& lang);

}  // namespace tanu::server::personal_file
