//===----------------------------------------------------------------------===//
// mltrendd — config/describe_keys.cpp
//===----------------------------------------------------------------------===//
// Documentation of a key table as Markdown, from the same declaration the
// loader validates against, so the docs cannot drift from the parser.

#include "config_internal.hpp"
#include "mltrend/config_reader.hpp"
#include "mltrendd/config/config.hpp"

namespace mltrendd {
namespace {

//! Keeps a cell inside its table column.
std::string Cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

//! The type cell: the type, then what the table's checks accept
//! ("integer, 1 to 100", "string, one of trace/debug", "string, IP:port").
std::string TypeCell(const mltrend::ConfigKey& key) {
  std::string out(config_detail::TypeName(key.type));
  if (const std::string bounds = mltrend::DescribeBounds(key); !bounds.empty()) out.append(", ").append(bounds);
  if (const std::string allowed = mltrend::DescribeAllowed(key); !allowed.empty()) {
    out.append(", one of ").append(allowed);
  }
  if (key.kind) out.append(", ").append(key.kind);
  return out;
}

}  // namespace

std::string DescribeKeys(std::span<const mltrend::ConfigKey> keys) {
  std::string out = "| Key | Type | Default | Description |\n| --- | --- | --- | --- |\n";
  for (const mltrend::ConfigKey& key : keys) {
    // Appended piece by piece: `"literal" + std::string` trips GCC 12's
    // false -Werror=restrict at -O3 (Release builds).
    out.append("| `").append(Cell(key.name ? key.name : "")).append("` | ");
    out.append(Cell(TypeCell(key))).append(" | ");
    if (!key.default_value) {
      out += "*required*";
    } else if (*key.default_value == '\0') {
      out += "*empty*";
    } else {
      out.append("`").append(Cell(key.default_value)).append("`");
    }
    out.append(" | ").append(Cell(key.help ? key.help : "")).append(" |\n");
  }
  return out;
}

std::string DescribeKeys(const mltrend::ConfigKey* keys, size_t count) {
  if (!keys) return DescribeKeys(std::span<const mltrend::ConfigKey>());
  return DescribeKeys(std::span<const mltrend::ConfigKey>(keys, count));
}

}  // namespace mltrendd
