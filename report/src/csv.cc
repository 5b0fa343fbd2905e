#include "framescope/report/csv.h"

namespace framescope::report {

std::string CsvCell(std::string_view value) {
  std::string cell;
  cell.reserve(value.size() + 3);
  // Spreadsheets evaluate a cell that starts with one of these as a formula (or, for TAB and CR,
  // strip them and then evaluate); the apostrophe makes them take it as text.
  if (!value.empty()) {
    char c = value.front();
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r')
      cell.push_back('\'');
  }
  cell.append(value);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

void WriteCsvRow(const std::vector<std::string>& cells, std::ostream& out) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out << ',';
    out << CsvCell(cells[i]);
  }
  out << '\n';
}

}  // namespace framescope::report
