// The search box's query syntax for finding nodes of a run (engine/inspect/node_search.h):
// space-separated `key:value` terms, ANDed: op:ADD arg:3 rule:fold kernel:r_6_10
// computed:E_16_8. A value with spaces is quoted: rule:"x+0 -> x". Text without such a term
// is a plain search of the shown graph (op, arg or #id), not a query.
#pragma once
#include <QString>
#include <optional>

#include "engine/inspect/node_search.h"

namespace rw::viewer {

// True when the text has a `key:` term of a known key: it is meant as a query.
bool looks_like_node_query(const QString& text);

// The query, or nullopt with *error saying which term is wrong and what the keys are.
std::optional<NodeQuery> parse_node_query(const QString& text, QString* error);

}  // namespace rw::viewer
