// Generates a synthetic multilingual news corpus for the indexing and latency benchmarks, in two
// forms holding the same records: framescope's JSONL documents and a scriptindex dump file
// (Xapian omega's "name=value" records, see bench/scriptindex_docs.script).
//
//   gen_jsonl --count N [--seed 1] [--jsonl OUT.jsonl] [--scriptindex OUT.txt]
//
// Each document: id, url, title, text (150 to 700 words, paragraphs separated by a blank line),
// outlet, language, country, source_type, published (a day from 2014-01-01 to 2024-12-31).
// Languages (share of documents): en 40 %, de 15 %, fr 12 %, es 12 %, ru 11 %, zh 10 %.
//
// The text is not prose but has the statistics an index cares about: function words and
// pseudo-words drawn from a Zipf distribution over 20,000 ranks per language (so posting lists
// have realistic lengths), plus topic words (8 news topics per language; each document is about
// two), so that queries for real words such as "election" or "Wahl" match a few per cent of the
// corpus. Chinese text has no spaces between words, as written. About 6 % of the documents are
// wire stories republished by another outlet of the same language with small edits (another
// headline, the last paragraph cut or replaced), which the near-duplicate clustering should catch.
//
// One PRNG stream (splitmix64) generates the documents in order, so the first N documents of a
// larger run are exactly the documents of a run with --count N and the same seed.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

// splitmix64: fully specified, so the corpus is byte-identical on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }
  // Uniform in [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(hi - lo + 1)); }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

constexpr std::size_t kRanks = 20000;  // Zipf vocabulary per language
constexpr double kTopicShare = 0.09;   // share of a document's words drawn from its topics
constexpr double kWireShare = 0.06;    // share of documents that republish a recent wire story
constexpr std::size_t kWirePool = 300; // recent documents a republication is taken from

struct Language {
  const char* code;
  double share;
  bool spaced;                               // words separated by spaces (not zh)
  std::vector<std::string_view> function;    // the most frequent Zipf ranks, in order
  std::vector<std::string_view> syllables;   // pseudo-words are 2 or 3 of these
  std::vector<std::vector<std::string_view>> topics;
};

// Word lists written for this benchmark: frequent words of each language and news-topic words.
std::vector<Language> Languages() {
  std::vector<Language> l;
  l.push_back({"en", 0.40, true,
               {"the", "of", "and", "to", "a", "in", "that", "is", "for", "on", "was", "with",
                "he", "it", "as", "at", "by", "said", "from", "his", "an", "be", "have", "are",
                "has", "but", "not", "they", "this", "were", "had", "which", "or", "will",
                "their", "after", "who", "been", "its", "more", "we", "one", "also", "would",
                "two", "new", "people", "year", "last", "first"},
               {"ba", "co", "der", "ex", "fin", "gal", "hor", "in", "ker", "lo", "man", "nel",
                "op", "pra", "quin", "ros", "sta", "tur", "ul", "ven", "wor", "zel", "ent", "ing",
                "ley", "mon", "per", "tion", "ver", "son"},
               {{"election", "vote", "voters", "campaign", "ballot", "candidate", "parliament",
                 "coalition"},
                {"economy", "inflation", "prices", "market", "budget", "growth", "recession",
                 "unemployment"},
                {"climate", "emissions", "drought", "flood", "warming", "carbon", "heatwave",
                 "renewable"},
                {"migration", "refugees", "border", "asylum", "migrants", "deportation",
                 "integration", "visa"},
                {"war", "troops", "ceasefire", "missile", "sanctions", "offensive", "army",
                 "invasion"},
                {"health", "vaccine", "hospital", "pandemic", "virus", "doctors", "patients",
                 "outbreak"},
                {"technology", "internet", "privacy", "algorithm", "platform", "startup", "data",
                 "surveillance"},
                {"energy", "gas", "pipeline", "oil", "electricity", "nuclear", "grid", "tariff"}}});
  l.push_back({"de", 0.15, true,
               {"der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf",
                "für", "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an",
                "werden", "aus", "er", "hat", "dass", "sie", "nach", "wird", "bei", "einer", "um",
                "am", "sind", "noch", "wie", "einem", "über"},
               {"ba", "ber", "chen", "dorf", "ein", "fen", "gar", "hau", "isch", "kel", "lan",
                "mun", "nach", "ober", "pfer", "rei", "schu", "ster", "tal", "ung", "ver", "wal",
                "zei", "bruck", "heim", "lich", "stein", "wer", "gen", "mann"},
               {{"Wahl", "Wähler", "Bundestag", "Koalition", "Kanzler", "Partei", "Stimmen",
                 "Wahlkampf"},
                {"Wirtschaft", "Inflation", "Preise", "Haushalt", "Rezession", "Arbeitslosigkeit",
                 "Wachstum", "Konjunktur"},
                {"Klima", "Emissionen", "Dürre", "Hochwasser", "Erwärmung", "Kohle",
                 "Hitzewelle", "Windkraft"},
                {"Migration", "Flüchtlinge", "Grenze", "Asyl", "Abschiebung", "Integration",
                 "Zuwanderung", "Visum"},
                {"Krieg", "Truppen", "Waffenruhe", "Rakete", "Sanktionen", "Offensive",
                 "Bundeswehr", "Angriff"},
                {"Gesundheit", "Impfstoff", "Krankenhaus", "Pandemie", "Virus", "Ärzte",
                 "Patienten", "Ausbruch"},
                {"Technologie", "Internet", "Datenschutz", "Algorithmus", "Plattform",
                 "Digitalisierung", "Daten", "Überwachung"},
                {"Energie", "Gas", "Pipeline", "Öl", "Strom", "Atomkraft", "Netz", "Energiewende"}}});
  l.push_back({"fr", 0.12, true,
               {"de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que", "est",
                "pour", "qui", "dans", "par", "plus", "pas", "au", "sur", "ne", "se", "il", "a",
                "ce", "avec", "sont", "aux", "elle", "ont", "mais", "été", "son", "selon", "cette",
                "leur", "ans", "comme", "deux", "après"},
               {"ba", "cour", "de", "em", "fon", "gre", "lan", "mai", "neu", "oir", "par",
                "quel", "ren", "sai", "tou", "vil", "ment", "eau", "ette", "ier", "ou", "ran",
                "chan", "bel", "dou", "rai", "mon", "pou", "teil", "vent"},
               {{"élection", "vote", "électeurs", "campagne", "scrutin", "candidat", "Assemblée",
                 "coalition"},
                {"économie", "inflation", "prix", "marché", "budget", "croissance", "récession",
                 "chômage"},
                {"climat", "émissions", "sécheresse", "inondation", "réchauffement", "carbone",
                 "canicule", "renouvelables"},
                {"migration", "réfugiés", "frontière", "asile", "migrants", "expulsion",
                 "intégration", "visa"},
                {"guerre", "troupes", "cessez-le-feu", "missile", "sanctions", "offensive",
                 "armée", "invasion"},
                {"santé", "vaccin", "hôpital", "pandémie", "virus", "médecins", "patients",
                 "épidémie"},
                {"technologie", "internet", "vie privée", "algorithme", "plateforme", "start-up",
                 "données", "surveillance"},
                {"énergie", "gaz", "gazoduc", "pétrole", "électricité", "nucléaire", "réseau",
                 "tarif"}}});
  l.push_back({"es", 0.12, true,
               {"de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un",
                "para", "con", "no", "una", "su", "al", "lo", "como", "más", "pero", "sus", "le",
                "ya", "o", "este", "ha", "sí", "porque", "esta", "entre", "cuando", "muy", "sin",
                "sobre", "también", "me", "hasta"},
               {"ba", "can", "do", "es", "fer", "gue", "ja", "llo", "mar", "nos", "pe", "que",
                "ri", "san", "tor", "ul", "va", "zo", "ción", "dad", "mien", "ran", "bla", "cho",
                "go", "lu", "ne", "ro", "ta", "ven"},
               {{"elecciones", "voto", "votantes", "campaña", "urnas", "candidato", "Congreso",
                 "coalición"},
                {"economía", "inflación", "precios", "mercado", "presupuesto", "crecimiento",
                 "recesión", "desempleo"},
                {"clima", "emisiones", "sequía", "inundación", "calentamiento", "carbono",
                 "ola de calor", "renovables"},
                {"migración", "refugiados", "frontera", "asilo", "migrantes", "deportación",
                 "integración", "visado"},
                {"guerra", "tropas", "alto el fuego", "misil", "sanciones", "ofensiva", "ejército",
                 "invasión"},
                {"salud", "vacuna", "hospital", "pandemia", "virus", "médicos", "pacientes",
                 "brote"},
                {"tecnología", "internet", "privacidad", "algoritmo", "plataforma", "empresa",
                 "datos", "vigilancia"},
                {"energía", "gas", "gasoducto", "petróleo", "electricidad", "nuclear", "red",
                 "tarifa"}}});
  l.push_back({"ru", 0.11, true,
               {"и", "в", "не", "на", "что", "с", "по", "как", "это", "он", "к", "но", "из",
                "у", "за", "о", "от", "так", "для", "же", "все", "она", "был", "его", "при",
                "было", "года", "также", "они", "уже", "может", "или", "после", "только", "бы",
                "еще", "до", "по словам", "будет", "более"},
               {"ба", "вер", "го", "дан", "ен", "жи", "за", "ков", "ла", "мир", "но", "ост",
                "пра", "ре", "сто", "ту", "уль", "фе", "хо", "цен", "ча", "ше", "ский", "ние",
                "ово", "ска", "тель", "ник", "ва", "ри"},
               {{"выборы", "голосование", "избиратели", "кампания", "бюллетень", "кандидат",
                 "Дума", "партия"},
                {"экономика", "инфляция", "цены", "рынок", "бюджет", "рост", "рецессия",
                 "безработица"},
                {"климат", "выбросы", "засуха", "наводнение", "потепление", "углерод", "жара",
                 "энергетика"},
                {"миграция", "беженцы", "граница", "убежище", "мигранты", "депортация",
                 "интеграция", "виза"},
                {"война", "войска", "перемирие", "ракета", "санкции", "наступление", "армия",
                 "вторжение"},
                {"здоровье", "вакцина", "больница", "пандемия", "вирус", "врачи", "пациенты",
                 "вспышка"},
                {"технологии", "интернет", "приватность", "алгоритм", "платформа", "стартап",
                 "данные", "слежка"},
                {"энергия", "газ", "газопровод", "нефть", "электричество", "атом", "сеть",
                 "тариф"}}});
  l.push_back({"zh", 0.10, false,
               {"的", "了", "是", "在", "和", "有", "我们", "他们", "这", "一个", "中国", "表示",
                "对", "也", "将", "上", "与", "为", "说", "年", "人", "不", "到", "等", "进行",
                "已经", "发展", "国家", "问题", "情况"},
               {"安", "北", "长", "大", "东", "发", "工", "国", "海", "华", "会", "机", "江",
                "金", "经", "开", "科", "力", "民", "南", "平", "企", "区", "全", "社", "市",
                "水", "天", "文", "新", "学", "业", "中", "政", "资", "城"},
               {{"选举", "投票", "选民", "竞选", "选票", "候选人", "议会", "联盟"},
                {"经济", "通胀", "价格", "市场", "预算", "增长", "衰退", "失业"},
                {"气候", "排放", "干旱", "洪水", "变暖", "碳", "热浪", "可再生能源"},
                {"移民", "难民", "边境", "庇护", "移民潮", "遣返", "融合", "签证"},
                {"战争", "部队", "停火", "导弹", "制裁", "攻势", "军队", "入侵"},
                {"健康", "疫苗", "医院", "疫情", "病毒", "医生", "患者", "暴发"},
                {"科技", "互联网", "隐私", "算法", "平台", "初创企业", "数据", "监控"},
                {"能源", "天然气", "管道", "石油", "电力", "核电", "电网", "电价"}}});
  return l;
}

struct Outlet {
  const char* name;
  const char* slug;
  const char* language;
  const char* country;
  const char* type;
};

constexpr Outlet kOutlets[] = {
    {"The Daily Ledger", "dailyledger", "en", "gb", "western_press"},
    {"Capital Courier", "capitalcourier", "en", "us", "western_press"},
    {"Harbour Times", "harbourtimes", "en", "au", "regional_press"},
    {"The Evening Flash", "eveningflash", "en", "gb", "tabloid"},
    {"Global Wire Service", "globalwire", "en", "us", "news_agency"},
    {"Northern Broadcasting", "northernbc", "en", "ca", "public_broadcaster"},
    {"Eurasia Today", "eurasiatoday", "en", "ru", "state_media"},
    {"Berliner Tagesblatt", "tagesblatt", "de", "de", "western_press"},
    {"Rheinische Rundschau", "rundschau", "de", "de", "regional_press"},
    {"Alpenpost", "alpenpost", "de", "at", "regional_press"},
    {"Nachrichtenfunk", "nachrichtenfunk", "de", "de", "public_broadcaster"},
    {"Le Quotidien du Matin", "quotidien", "fr", "fr", "western_press"},
    {"La Gazette de Lyon", "gazettelyon", "fr", "fr", "regional_press"},
    {"L'Écho de Genève", "echogeneve", "fr", "ch", "western_press"},
    {"Radio Continent", "radiocontinent", "fr", "fr", "public_broadcaster"},
    {"El Diario Nacional", "diarionacional", "es", "es", "western_press"},
    {"La Voz del Sur", "vozdelsur", "es", "ar", "western_press"},
    {"Crónica Andina", "cronicaandina", "es", "pe", "regional_press"},
    {"Vestnik Segodnya", "vestnik", "ru", "ru", "state_media"},
    {"Golos Regiona", "golosregiona", "ru", "ru", "regional_press"},
    {"Nezavisimy Kurier", "nkurier", "ru", "lv", "western_press"},
    {"Xinhua Shidian", "xhshidian", "zh", "cn", "state_media"},
    {"Dongfang Daily", "dongfangdaily", "zh", "hk", "western_press"},
    {"Nanfang Morning", "nanfangmorning", "zh", "cn", "regional_press"},
};

struct Doc {
  std::string id, url, title, text, outlet, language, country, type, published;
};

// Pseudo-word of rank r (>= the function words): 2 or 3 syllables chosen by the digits of r, so
// every rank has its own spelling.
std::string PseudoWord(const Language& lang, std::size_t r) {
  const std::size_t n = lang.syllables.size();
  std::string w;
  std::size_t x = r;
  do {
    w += lang.syllables[x % n];
    x /= n;
  } while (x > 0);
  if (w.size() < 4) w += lang.syllables[(r * 7) % n];
  return w;
}

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed), langs_(Languages()) {
    // Zipf (s = 1) over kRanks, with a small offset so the top word is not absurdly dominant.
    cdf_.resize(kRanks);
    double sum = 0;
    for (std::size_t r = 0; r < kRanks; ++r) cdf_[r] = (sum += 1.0 / (static_cast<double>(r) + 2.0));
    for (double& c : cdf_) c /= sum;
    words_.resize(langs_.size());
    for (std::size_t li = 0; li < langs_.size(); ++li) {
      const Language& l = langs_[li];
      for (std::size_t r = 0; r < kRanks; ++r)
        words_[li].push_back(r < l.function.size() ? std::string(l.function[r]) : PseudoWord(l, r));
    }
    for (std::size_t li = 0; li < langs_.size(); ++li) {
      std::vector<const Outlet*> o;
      for (const Outlet& out : kOutlets)
        if (langs_[li].code == std::string_view(out.language)) o.push_back(&out);
      outlets_.push_back(o);
    }
  }

  Doc Next(std::size_t n) {
    Doc d;
    d.id = "g" + Pad(n, 7);
    std::size_t li = PickLanguage();
    const Outlet* outlet = outlets_[li][rng_.Below(outlets_[li].size())];
    std::string day = RandomDay();
    // A republished wire story: an earlier document of the same language, another outlet, a few
    // days later, a new headline, the last paragraph cut or rewritten.
    const Doc* wire = nullptr;
    if (rng_.Unit() < kWireShare) {
      std::vector<const Doc*> same;
      for (const Doc& r : recent_)
        if (r.language == langs_[li].code) same.push_back(&r);
      if (!same.empty()) wire = same[rng_.Below(same.size())];
    }
    std::vector<std::size_t> topics = {rng_.Below(8), rng_.Below(8)};
    if (wire) {
      d.text = wire->text;
      std::size_t cut = d.text.rfind("\n\n");
      if (cut != std::string::npos) d.text.resize(cut);
      if (rng_.Below(2)) d.text += "\n\n" + Paragraph(li, topics, 2, 4);
      d.published = wire->published;
    } else {
      int words = TargetWords();
      int written = 0;
      while (written < words) {
        int sentences = rng_.Between(3, 6);
        if (!d.text.empty()) d.text += "\n\n";
        d.text += Paragraph(li, topics, sentences, sentences, &written);
      }
      d.published = day;
    }
    d.title = Sentence(li, topics, 6, 12, /*title=*/true);
    d.outlet = outlet->name;
    d.language = langs_[li].code;
    d.country = outlet->country;
    d.type = outlet->type;
    d.url = "https://www." + std::string(outlet->slug) + ".example/" +
            d.published.substr(0, 4) + "/" + d.published.substr(5, 2) + "/" + d.id + ".html";
    if (!wire) {
      recent_.push_back(d);
      if (recent_.size() > kWirePool) recent_.pop_front();
    }
    return d;
  }

 private:
  static std::string Pad(std::size_t n, int width) {
    std::string s = std::to_string(n);
    return std::string(s.size() < static_cast<std::size_t>(width) ? width - s.size() : 0, '0') + s;
  }

  std::size_t PickLanguage() {
    double u = rng_.Unit(), acc = 0;
    for (std::size_t i = 0; i < langs_.size(); ++i) {
      acc += langs_[i].share;
      if (u < acc) return i;
    }
    return 0;
  }

  // Days from 2014-01-01 to 2024-12-31 (4018 days), as YYYY-MM-DD.
  std::string RandomDay() {
    static const int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int day = static_cast<int>(rng_.Below(4018));
    int y = 2014;
    for (;;) {
      int len = (y % 4 == 0) ? 366 : 365;
      if (day < len) break;
      day -= len;
      ++y;
    }
    int m = 0;
    for (;; ++m) {
      int len = kMonthDays[m] + (m == 1 && y % 4 == 0 ? 1 : 0);
      if (day < len) break;
      day -= len;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m + 1, day + 1);
    return buf;
  }

  // 150 to 700 words, most between 250 and 550 (sum of two uniforms).
  int TargetWords() { return 150 + rng_.Between(0, 275) + rng_.Between(0, 275); }

  const std::string& Word(std::size_t li, const std::vector<std::size_t>& topics) {
    if (rng_.Unit() < kTopicShare) {
      const auto& t = langs_[li].topics[topics[rng_.Below(topics.size())]];
      topic_word_ = std::string(t[rng_.Below(t.size())]);
      return topic_word_;
    }
    double u = rng_.Unit();
    std::size_t r = static_cast<std::size_t>(std::lower_bound(cdf_.begin(), cdf_.end(), u) -
                                             cdf_.begin());
    return words_[li][std::min(r, kRanks - 1)];
  }

  std::string Sentence(std::size_t li, const std::vector<std::size_t>& topics, int lo, int hi,
                       bool title = false, int* written = nullptr) {
    const Language& l = langs_[li];
    int n = rng_.Between(lo, hi);
    std::string s;
    for (int i = 0; i < n; ++i) {
      std::string w = Word(li, topics);
      if (i == 0 && !w.empty() && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 32);
      if (l.spaced) {
        if (i > 0) s += (rng_.Below(12) == 0 && i + 1 < n) ? ", " : " ";
      } else if (i > 0 && rng_.Below(12) == 0 && i + 1 < n) {
        s += "，";
      }
      s += w;
    }
    if (written) *written += n;
    if (!title) s += l.spaced ? "." : "。";
    return s;
  }

  std::string Paragraph(std::size_t li, const std::vector<std::size_t>& topics, int lo, int hi,
                        int* written = nullptr) {
    int n = rng_.Between(lo, hi);
    std::string p;
    for (int i = 0; i < n; ++i) {
      if (i > 0 && langs_[li].spaced) p += " ";
      p += Sentence(li, topics, 8, 24, false, written);
    }
    return p;
  }

  Rng rng_;
  std::vector<Language> langs_;
  std::vector<double> cdf_;
  std::vector<std::vector<std::string>> words_;
  std::vector<std::vector<const Outlet*>> outlets_;
  std::deque<Doc> recent_;
  std::string topic_word_;
};

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

void WriteJsonl(const Doc& d, std::ostream& out) {
  out << "{\"id\":" << JsonString(d.id) << ",\"url\":" << JsonString(d.url)
      << ",\"title\":" << JsonString(d.title) << ",\"text\":" << JsonString(d.text)
      << ",\"outlet\":" << JsonString(d.outlet) << ",\"language\":" << JsonString(d.language)
      << ",\"country\":" << JsonString(d.country) << ",\"source_type\":" << JsonString(d.type)
      << ",\"published\":" << JsonString(d.published) << "}\n";
}

// scriptindex dump format: name=value lines, a newline inside a value written as "\n=", records
// separated by a blank line.
void WriteDump(const Doc& d, std::ostream& out) {
  auto field = [&](const char* name, std::string_view v) {
    out << name << '=';
    for (char c : v) {
      out << c;
      if (c == '\n') out << '=';
    }
    out << '\n';
  };
  field("id", d.id);
  field("url", d.url);
  field("title", d.title);
  field("text", d.text);
  field("outlet", d.outlet);
  field("language", d.language);
  field("country", d.country);
  field("type", d.type);
  field("published", d.published);
  std::string ymd = d.published.substr(0, 4) + d.published.substr(5, 2) + d.published.substr(8, 2);
  field("date", ymd);
  out << '\n';
}

int Usage() {
  std::cerr << "usage: gen_jsonl --count N [--seed S] [--jsonl OUT.jsonl] [--scriptindex OUT]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  std::uint64_t seed = 1;
  std::string jsonl, dump;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (i + 1 >= argc) return Usage();
    if (a == "--count") count = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--seed") seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--jsonl") jsonl = argv[++i];
    else if (a == "--scriptindex") dump = argv[++i];
    else return Usage();
  }
  if (count == 0 || (jsonl.empty() && dump.empty())) return Usage();
  std::ofstream jout, dout;
  if (!jsonl.empty()) {
    jout.open(jsonl, std::ios::binary);
    if (!jout) {
      std::cerr << "gen_jsonl: cannot write " << jsonl << "\n";
      return 1;
    }
  }
  if (!dump.empty()) {
    dout.open(dump, std::ios::binary);
    if (!dout) {
      std::cerr << "gen_jsonl: cannot write " << dump << "\n";
      return 1;
    }
  }
  Generator gen(seed);
  for (std::size_t n = 1; n <= count; ++n) {
    Doc d = gen.Next(n);
    if (jout.is_open()) WriteJsonl(d, jout);
    if (dout.is_open()) WriteDump(d, dout);
  }
  if ((jout.is_open() && !jout.flush()) || (dout.is_open() && !dout.flush())) {
    std::cerr << "gen_jsonl: write failed\n";
    return 1;
  }
  return 0;
}
