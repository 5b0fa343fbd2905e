#include "framescope/corpus/language.h"

#include <cctype>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "framescope/corpus/text.h"

namespace framescope::corpus {

std::string PrimaryLanguage(std::string_view tag) {
  std::string out;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (out.size() < 2 || out.size() > 3) return "";
  return out;
}

LanguageGuess DetectLanguage(std::string_view text, std::string_view declared) {
  LanguageGuess g;
  std::string declared_code = PrimaryLanguage(declared);
  // CLD2 needs valid UTF-8; 64 KiB of text is more than enough evidence.
  std::string clean = ToValidUtf8(text.substr(0, 65536));
  bool reliable = false;
  CLD2::Language lang3[3];
  int percent3[3];
  int text_bytes = 0;
  CLD2::Language lang = CLD2::DetectLanguageSummary(clean.data(), static_cast<int>(clean.size()),
                                                    true, lang3, percent3, &text_bytes, &reliable);
  std::string code;
  if (lang != CLD2::UNKNOWN_LANGUAGE) code = PrimaryLanguage(CLD2::LanguageCode(lang));
  if (code == "un" || code == "xx") code.clear();
  // Short texts: trust a declared language CLD2 lists among its candidates.
  if (!reliable && !declared_code.empty()) {
    for (auto l : lang3) {
      if (l != CLD2::UNKNOWN_LANGUAGE && PrimaryLanguage(CLD2::LanguageCode(l)) == declared_code)
        code = declared_code;
    }
    if (code.empty() || text_bytes < 40) code = declared_code;
  }
  g.code = code;
  g.reliable = reliable;
  return g;
}

}  // namespace framescope::corpus
