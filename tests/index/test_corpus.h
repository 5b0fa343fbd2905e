// A small multilingual corpus and temporary folders for the index tests.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "framescope/corpus/document.h"

namespace framescope::index::testing {

// A fresh folder under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "framescope-index-XXXXXX").string();
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline corpus::Document MakeDoc(std::string id, std::string lang, std::string outlet,
                                std::string published, std::string title, std::string text) {
  corpus::Document d;
  d.id = std::move(id);
  d.language = std::move(lang);
  d.outlet = std::move(outlet);
  d.published = std::move(published);
  d.title = std::move(title);
  d.text = std::move(text);
  d.url = "https://example.org/" + d.id;
  return d;
}

// The wire story that en-ledger and en-wire (a syndicated copy with a different last line) share.
inline const char kWireStory[] =
    "Critics call China's social credit system an Orwellian nightmare in which every citizen "
    "receives a single score. Commentators in London and Berlin compare it to the television "
    "series Black Mirror, where ratings decide who may board a train or rent a flat.\n\n"
    "Officials in Beijing reject the comparison and describe a set of regulatory databases. "
    "Researchers who visited pilot cities found local experiments rather than one national "
    "rating, but the image of a digital dictatorship has proved hard to dislodge.";

// Ten documents in English, French, German, Spanish and Chinese, with known metadata:
//   id            lang outlet               published   country type          frame
//   en-ledger     en   The Harbour Ledger   2018-03-05  gb      western_press alarmist
//   en-wire       en   Coastal Wire         2018-03-06  gb      wire          alarmist
//   en-review     en   Policy Review        2019-06-10  us      think_tank    balanced
//   en-controls   en   Policy Review        2020-01-15  us      think_tank    balanced
//   en-undated    en   Policy Review        (none)      us      think_tank    (none)
//   fr-monde      fr   Le Quotidien         2019-02-01  fr      western_press alarmist
//   de-zeit       de   Die Wochenzeitung    2019-11-20  de      western_press balanced
//   es-diario     es   El Diario            2020-05-05  es      western_press balanced
//   zh-daily      zh   人民日报             2019-07-01  cn      state_media   supportive
//   zh-xinhua     zh   新华社               2020-08-08  cn      state_media   supportive
inline std::vector<corpus::Document> SampleCorpus() {
  std::vector<corpus::Document> docs;
  {
    auto d = MakeDoc("en-ledger", "en", "The Harbour Ledger", "2018-03-05T08:00:00Z",
                     "China's social credit system: a Black Mirror nightmare", kWireStory);
    d.country = "GB";
    d.source_type = "western_press";
    d.frame = "alarmist";
    d.authors = {"Jane Doe"};
    docs.push_back(d);
  }
  {
    auto d = MakeDoc("en-wire", "en", "Coastal Wire", "2018-03-06",
                     "Social credit: the Black Mirror comparison",
                     std::string(kWireStory) + " Coastal Wire contributed to this report.");
    d.country = "GB";
    d.source_type = "wire";
    d.frame = "alarmist";
    docs.push_back(d);
  }
  {
    auto d = MakeDoc("en-review", "en", "Policy Review", "2019-06-10",
                     "Myths and facts about social credit",
                     "There is no single score. What exists is a blacklist of judgment "
                     "defaulters kept by the courts, corporate compliance records, and a "
                     "patchwork of local pilot programmes.\n\nThe blacklist of judgment "
                     "defaulters restricts flights and luxury spending for people who ignore "
                     "court orders.");
    d.country = "US";
    d.source_type = "think_tank";
    d.frame = "balanced";
    d.authors = {"John Smith", "jane doe"};
    docs.push_back(d);
  }
  {
    auto d =
        MakeDoc("en-controls", "en", "Policy Review", "2020-01-15", "Who watches the regulators?",
                "The agency controls several registers of corporate behaviour. Its "
                "surveillance of companies is uneven across provinces, and the U.S. "
                "chamber of commerce has asked for clearer rules.");
    d.country = "US";
    d.source_type = "think_tank";
    d.frame = "balanced";
    docs.push_back(d);
  }
  {
    auto d = MakeDoc("en-undated", "en", "Policy Review", "", "An undated note",
                     "This note on credit ratings carries no date of publication at all.");
    d.country = "US";
    d.source_type = "think_tank";
    docs.push_back(d);
  }
  {
    auto d = MakeDoc("fr-monde", "fr", "Le Quotidien", "2019-02-01",
                     "Le crédit social chinois, une dystopie ?",
                     "Le système de crédit social chinois est souvent décrit comme une "
                     "dystopie. La notation des citoyens inquiète les défenseurs des libertés, "
                     "qui parlent d'une surveillance totale.");
    d.country = "FR";
    d.source_type = "western_press";
    d.frame = "alarmist";
    docs.push_back(d);
  }
  {
    auto d = MakeDoc("de-zeit", "de", "Die Wochenzeitung", "2019-11-20",
                     "Überwachungsstaat oder Flickenteppich?",
                     "Das Sozialkreditsystem wird oft als ÜBERWACHUNGSSTAAT beschrieben. "
                     "Tatsächlich ist es ein Flickenteppich aus Pilotprojekten, sagt die "
                     "Forscherin an der Straße der Wissenschaft.");
    d.country = "DE";
    d.source_type = "western_press";
    d.frame = "balanced";
    docs.push_back(d);
  }
  {
    auto d = MakeDoc("es-diario", "es", "El Diario", "2020-05-05", "El crédito social de China",
                     "El sistema de crédito social de China genera debate. Muchos expertos "
                     "hablan de una lista negra de deudores judiciales.");
    d.country = "ES";
    d.source_type = "western_press";
    d.frame = "balanced";
    docs.push_back(d);
  }
  {
    auto d = MakeDoc("zh-daily", "zh", "人民日报", "2019-07-01", "社会信用体系建设",
                     "社会信用体系建设有利于弘扬诚信文化。法院公布失信被执行人名单，"
                     "守信激励和失信惩戒机制不断完善。");
    d.country = "CN";
    d.source_type = "state_media";
    d.frame = "supportive";
    docs.push_back(d);
  }
  {
    auto d = MakeDoc("zh-xinhua", "zh", "新华社", "2020-08-08", "诚信为本",
                     "中国的社会信用体系以诚信为本，失信行为会受到惩戒。");
    d.country = "CN";
    d.source_type = "state_media";
    d.frame = "supportive";
    docs.push_back(d);
  }
  return docs;
}

}  // namespace framescope::index::testing
