// How the inspect commands (query, diff) print a node in one line and in JSON.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "engine/trace/json_writer.h"
#include "engine/trace/trace_records.h"

namespace rw::cli {

std::string shape_text(const std::optional<std::vector<int64_t>>& shape);  // "[6,10]", "" for none
// "%10 EXP2 float32 [6,10] arg (program.tg:2:7)": the location without its folder.
std::string node_line(const NodeRow& n);
// {"id":10,"op":"EXP2",...}: every field a viewer needs to label the node.
void write_node_json(JsonWriter& j, const NodeRow& n);

}  // namespace rw::cli
