// Source text of rule files, embedded at build time (cmake/EmbedSources.cmake), so a trace
// can show the lines that define a rule without the source tree at hand.
#pragma once
#include <string>
#include <string_view>

namespace rw {

// The whole text of a rule source file by repository-relative path; empty if not embedded.
std::string_view embedded_source(std::string_view path);

// Lines [line, line + count) of an embedded file, extended forward to the end of the
// statement that starts at `line` (a rule usually spans a few lines). Empty if unknown.
std::string rule_source_lines(std::string_view path, int line, int max_lines = 12);

}  // namespace rw
