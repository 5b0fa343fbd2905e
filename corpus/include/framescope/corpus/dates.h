// Calendar arithmetic on ISO 8601 dates, for filters and trend periods.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace framescope::corpus {

struct Date {
  int year = 0;
  int month = 1;
  int day = 1;
  auto operator<=>(const Date&) const = default;
};

enum class Granularity { kYear, kQuarter, kMonth, kWeek };

// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" and "YYYY-MM-DDThh:mm..." (the time is ignored).
// Returns nullopt for anything else or for an impossible date (2019-02-30).
std::optional<Date> ParseIsoDate(std::string_view s);
std::string FormatDate(const Date& d);            // "YYYY-MM-DD"
std::int64_t DaysFromCivil(const Date& d);        // days since 1970-01-01
Date CivilFromDays(std::int64_t days);
int DaysInMonth(int year, int month);

// The period a date falls in: "2018", "2018-Q2", "2018-04", "2018-W15" (ISO week).
std::string PeriodKey(const Date& d, Granularity g);
// Every period from the one holding `first` to the one holding `last`, in order.
std::vector<std::string> PeriodsBetween(const Date& first, const Date& last, Granularity g);
std::optional<Granularity> ParseGranularity(std::string_view s);

// Current UTC time as "YYYY-MM-DDThh:mm:ssZ".
std::string NowIsoUtc();
// UTC time of a unix timestamp, same form.
std::string IsoUtc(std::int64_t unix_seconds);

}  // namespace framescope::corpus
