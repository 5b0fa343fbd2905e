#include "framescope/corpus/dates.h"

#include <chrono>
#include <cstdio>

namespace framescope::corpus {

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

std::optional<Date> ParseIsoDate(std::string_view s) {
  auto digits = [&](std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  Date d;
  if (!digits(0, 4, d.year)) return std::nullopt;
  if (s.size() == 4) return d;
  if (s[4] != '-' || !digits(5, 2, d.month) || d.month < 1 || d.month > 12) return std::nullopt;
  if (s.size() == 7) return d;
  if (s[7] != '-' || !digits(8, 2, d.day)) return std::nullopt;
  if (d.day < 1 || d.day > DaysInMonth(d.year, d.month)) return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  return d;
}

std::string FormatDate(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

// Howard Hinnant's days_from_civil algorithm (public domain arithmetic).
std::int64_t DaysFromCivil(const Date& d) {
  int y = d.year - (d.month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = static_cast<unsigned>(y - era * 400);
  unsigned mp = static_cast<unsigned>((d.month + 9) % 12);
  unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Date CivilFromDays(std::int64_t z) {
  z += 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

namespace {
// ISO week-numbering year and week of a date.
std::pair<int, int> IsoWeek(const Date& d) {
  std::int64_t days = DaysFromCivil(d);
  int wday = static_cast<int>(((days % 7) + 7 + 3) % 7);  // Monday = 0 (1970-01-01 was Thursday)
  std::int64_t thursday = days - wday + 3;
  Date th = CivilFromDays(thursday);
  std::int64_t jan1 = DaysFromCivil(Date{th.year, 1, 1});
  return {th.year, static_cast<int>((thursday - jan1) / 7 + 1)};
}
}  // namespace

std::string PeriodKey(const Date& d, Granularity g) {
  char buf[24];
  switch (g) {
    case Granularity::kYear:
      std::snprintf(buf, sizeof buf, "%04d", d.year);
      break;
    case Granularity::kQuarter:
      std::snprintf(buf, sizeof buf, "%04d-Q%d", d.year, (d.month - 1) / 3 + 1);
      break;
    case Granularity::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
      break;
    case Granularity::kWeek: {
      auto [y, w] = IsoWeek(d);
      std::snprintf(buf, sizeof buf, "%04d-W%02d", y, w);
      break;
    }
  }
  return buf;
}

std::vector<std::string> PeriodsBetween(const Date& first, const Date& last, Granularity g) {
  std::vector<std::string> out;
  if (last < first) return out;
  std::string end_key = PeriodKey(last, g);
  Date cur = first;
  for (int guard = 0; guard < 100000; ++guard) {
    std::string key = PeriodKey(cur, g);
    if (out.empty() || out.back() != key) out.push_back(key);
    if (key == end_key) break;
    switch (g) {
      case Granularity::kYear:
        cur = Date{cur.year + 1, 1, 1};
        break;
      case Granularity::kQuarter:
        cur = cur.month >= 10 ? Date{cur.year + 1, 1, 1} : Date{cur.year, ((cur.month - 1) / 3 + 1) * 3 + 1, 1};
        break;
      case Granularity::kMonth:
        cur = cur.month == 12 ? Date{cur.year + 1, 1, 1} : Date{cur.year, cur.month + 1, 1};
        break;
      case Granularity::kWeek:
        cur = CivilFromDays(DaysFromCivil(cur) + 7);
        break;
    }
  }
  return out;
}

std::optional<Granularity> ParseGranularity(std::string_view s) {
  if (s == "year") return Granularity::kYear;
  if (s == "quarter") return Granularity::kQuarter;
  if (s == "month") return Granularity::kMonth;
  if (s == "week") return Granularity::kWeek;
  return std::nullopt;
}

std::string IsoUtc(std::int64_t t) {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  std::int64_t secs = t - days * 86400;
  Date d = CivilFromDays(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

std::string NowIsoUtc() {
  auto now = std::chrono::system_clock::now();
  return IsoUtc(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

}  // namespace framescope::corpus
