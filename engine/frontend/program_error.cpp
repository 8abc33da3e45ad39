#include "engine/frontend/program_error.h"

namespace rw {

namespace {
std::string format(const std::string& message, const SourceLoc& loc, const std::string& source_line, const std::string& hint) {
  std::string out = loc.to_string() + ": error: " + message + "\n  " + source_line + "\n  " + std::string(size_t(std::max(loc.col - 1, 0)), ' ') + "^";
  if (!hint.empty()) out += "\n  hint: " + hint;
  return out;
}
}  // namespace

ProgramError::ProgramError(std::string message, SourceLoc loc, const std::string& source_line, std::string hint)
    : std::runtime_error(format(message, loc, source_line, hint)), message_(std::move(message)), loc_(std::move(loc)), hint_(std::move(hint)) {}

SourceText::SourceText(std::string file, const std::string& text) : file_(std::move(file)) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.pop_back();
    for (char& c : l)
      if (c == '\t') c = ' ';  // so the caret lines up
    lines_.push_back(std::move(l));
    start = end + 1;
  }
}

std::string SourceText::line(int number) const {
  return number >= 1 && size_t(number) <= lines_.size() ? lines_[size_t(number - 1)] : std::string();
}

void SourceText::fail(int line_no, int col, const std::string& message, const std::string& hint) const {
  throw ProgramError(message, loc(line_no, col), line(line_no), hint);
}

}  // namespace rw
