// Language identification from text (CLD2), cross-checked with a declared language.
#pragma once

#include <string>
#include <string_view>

namespace framescope::corpus {

struct LanguageGuess {
  std::string code;     // ISO 639-1 ("en", "zh", ...), "" when unknown
  bool reliable = false;
};

// Identifies the language of UTF-8 `text`. `declared` (e.g. from <html lang>, may be "" or
// wrong) is used only when the text is too short or ambiguous to decide. Thread-safe.
LanguageGuess DetectLanguage(std::string_view text, std::string_view declared = "");

// "en-GB" -> "en", "zh-Hant" -> "zh", "ZH_cn" -> "zh".
std::string PrimaryLanguage(std::string_view tag);

}  // namespace framescope::corpus
