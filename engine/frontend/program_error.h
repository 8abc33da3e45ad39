// Errors in a .tg program, shaped for a person reading a terminal:
//
//   prog.tg:3:7: error: add: cannot broadcast shapes (4, 8) and (3,)
//     y = a + b
//           ^
//     hint: aligned from the right, each pair of sizes must be equal or one of them 1
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/ir/arena.h"

namespace rw {

class ProgramError : public std::runtime_error {
 public:
  ProgramError(std::string message, SourceLoc loc, const std::string& source_line, std::string hint);
  const std::string& message() const { return message_; }  // the error alone, no location
  const SourceLoc& location() const { return loc_; }
  const std::string& hint() const { return hint_; }

 private:
  std::string message_;
  SourceLoc loc_;
  std::string hint_;
};

// A program's text split into lines, to quote in errors.
class SourceText {
 public:
  SourceText(std::string file, const std::string& text);
  const std::string& file() const { return file_; }
  std::string line(int number) const;  // 1-based; "" past the end
  SourceLoc loc(int line, int col) const { return SourceLoc{file_, line, col}; }
  [[noreturn]] void fail(int line, int col, const std::string& message, const std::string& hint = {}) const;

 private:
  std::string file_;
  std::vector<std::string> lines_;
};

}  // namespace rw
