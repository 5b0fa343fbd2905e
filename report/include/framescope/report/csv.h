// CSV output shared by every report writer: RFC 4180 quoting plus spreadsheet-injection
// neutralisation, so that a hostile title cannot run a formula when a scholar opens the file.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace framescope::report {

// One CSV field for a text value. A value that begins with '=', '+', '-', '@', TAB or CR gets a
// leading apostrophe (OWASP advice against CSV injection); a value holding a comma, double quote,
// CR or LF is wrapped in double quotes with inner quotes doubled (RFC 4180). Never fails.
// Numbers that must stay numeric (a negative log ratio) are written by the callers directly,
// not through this function. Thread-safe.
std::string CsvCell(std::string_view value);

// Writes `cells` as one CSV record: each through CsvCell, separated by commas, ending in "\n".
void WriteCsvRow(const std::vector<std::string>& cells, std::ostream& out);

}  // namespace framescope::report
