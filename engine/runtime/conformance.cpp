#include "engine/runtime/conformance.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>

#include "engine/frontend/npy.h"
#include "engine/frontend/program.h"
#include "engine/ir/shape.h"
#include "engine/reference/program_reference.h"

namespace rw {

namespace {

std::string number_str(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string index_str(const Shape& shape, size_t flat) {
  std::string s = "[";
  IntTuple strides = shape_strides(shape);
  for (size_t a = 0; a < shape.size(); ++a) {
    s += (a ? ", " : "") + std::to_string(int64_t(flat) / strides[a] % std::max<int64_t>(shape[a], 1));
  }
  return s + "]";
}

// numpy writes a full reduction's result both as a 0-d array and, from some writers, as
// shape (1,); the values are the same, so both are accepted for each other.
bool same_shape(const Shape& a, const Shape& b) {
  auto scalar = [](const Shape& s) { return s.empty() || s == Shape{1}; };
  return a == b || (scalar(a) && scalar(b));
}

}  // namespace

Comparison compare_arrays(const HostArray& got, const HostArray& want, const std::string& name) {
  Comparison c;
  if (!same_shape(got.shape, want.shape)) {
    c.ok = false;
    c.message = name + ": shape " + shape_str(got.shape) + " != expected " + shape_str(want.shape);
    return c;
  }
  if (got.dtype != want.dtype) {
    c.ok = false;
    c.message = name + ": dtype " + to_string(got.dtype) + " != expected " + to_string(want.dtype);
    return c;
  }
  bool exact = !want.dtype.is_float();
  for (size_t i = 0; i < want.data.size(); ++i) {
    double g = got.data[i], w = want.data[i];
    if (std::isnan(g) && std::isnan(w)) continue;
    double err = std::abs(g - w);
    if (g == w) err = 0;  // equal infinities
    if (!std::isnan(err)) c.max_error = std::max(c.max_error, err);
    // An infinite expectation has no tolerance band (it would be infinite): only equal passes.
    bool fine = exact || std::isinf(w) || std::isinf(g) ? g == w : err <= kAbsTolerance + kRelTolerance * std::abs(w);
    if (!fine && c.ok) {
      c.ok = false;
      c.message = name + index_str(want.shape, i) + ": got " + number_str(g) + ", want " + number_str(w);
    }
  }
  if (!c.ok && std::isfinite(c.max_error)) c.message += " (max error " + number_str(c.max_error) + ")";
  return c;
}

CaseEvaluator reference_evaluator() {
  return [](const std::filesystem::path& program_file) {
    Arena arena;
    Program program = load_program(arena, program_file);
    return evaluate_reference(program);
  };
}

std::vector<std::filesystem::path> find_cases(const std::filesystem::path& dir) {
  if (std::filesystem::exists(dir / "program.tg")) return {dir};
  if (!std::filesystem::is_directory(dir)) throw std::runtime_error(dir.string() + ": not a folder");
  std::vector<std::filesystem::path> subdirs;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_directory()) subdirs.push_back(entry.path());
  std::sort(subdirs.begin(), subdirs.end());
  std::vector<std::filesystem::path> out;
  for (const auto& d : subdirs)
    for (auto& c : find_cases(d)) out.push_back(std::move(c));
  return out;
}

CaseResult run_case(const std::filesystem::path& dir, const CaseEvaluator& evaluate) {
  CaseResult r;
  r.dir = dir;
  r.name = dir.filename().string();
  auto start = std::chrono::steady_clock::now();
  try {
    NamedArrays outputs = evaluate(dir / "program.tg");
    std::set<std::string> expected;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      std::string f = entry.path().filename().string();
      if (f.starts_with("expected_") && f.ends_with(".npy")) expected.insert(f.substr(9, f.size() - 13));
    }
    std::vector<std::string> problems;
    for (const auto& [name, got] : outputs) {
      if (!expected.erase(name)) {
        problems.push_back("output " + name + " has no expected_" + name + ".npy");
        continue;
      }
      Comparison c = compare_arrays(got, read_npy(dir / ("expected_" + name + ".npy")), name);
      r.max_error = std::max(r.max_error, c.max_error);
      if (!c.ok) problems.push_back(c.message);
    }
    for (const std::string& missing : expected) problems.push_back("expected_" + missing + ".npy has no output named " + missing);
    if (outputs.empty()) problems.push_back("the program has no outputs");
    for (const std::string& p : problems) r.message += (r.message.empty() ? "" : "; ") + p;
    r.passed = problems.empty();
  } catch (const std::exception& e) {
    r.passed = false;
    r.message = e.what();
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

int ConformanceReport::passed() const { return int(std::count_if(results.begin(), results.end(), [](const CaseResult& r) { return r.passed; })); }
int ConformanceReport::failed() const { return int(results.size()) - passed(); }
std::string ConformanceReport::summary() const { return std::to_string(passed()) + " passed, " + std::to_string(failed()) + " failed"; }

ConformanceReport run_conformance(const std::vector<std::filesystem::path>& dirs, const CaseEvaluator& evaluate) {
  ConformanceReport report;
  for (const auto& d : dirs)
    for (const auto& c : find_cases(d)) report.results.push_back(run_case(c, evaluate));
  return report;
}

std::string format_result(const CaseResult& r) {
  char timing[64];
  std::snprintf(timing, sizeof timing, "max error %.3g  %.1f ms", r.max_error, r.seconds * 1000);
  std::string line = std::string(r.passed ? "PASS " : "FAIL ") + r.name + "  " + timing;
  if (!r.passed) line += "\n  " + r.message;
  return line;
}

}  // namespace rw
