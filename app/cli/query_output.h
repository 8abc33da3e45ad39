// Text and JSON forms of `rewind query` answers: a node's history and a node search.
#pragma once
#include <string>

#include "engine/inspect/node_history.h"
#include "engine/inspect/node_search.h"

namespace rw::cli {

std::string history_text(const NodeHistory& h);
std::string history_json(const NodeHistory& h);
std::string search_text(const NodeSearch& s, int64_t run_id);
std::string search_json(const NodeSearch& s, int64_t run_id);

}  // namespace rw::cli
