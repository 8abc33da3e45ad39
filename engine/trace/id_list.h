// The text form of a list of node ids in the trace ("[3,5]", a JSON array): compact, readable
// in sqlite3, and usable with json_each() in queries.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rw {

std::string format_id_list(const std::vector<int64_t>& ids);
std::vector<int64_t> parse_id_list(std::string_view text);

}  // namespace rw
