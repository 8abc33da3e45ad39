// rewind conformance DIR...: run case folders and compare with numpy's expected outputs.
#include <iostream>

#include "app/cli/command.h"
#include "engine/runtime/compiled_program.h"
#include "engine/runtime/conformance.h"

namespace rw::cli {
namespace {

int run(const ParsedArgs& args) {
  if (args.positional.empty())
    throw UsageError("rewind conformance: expected at least one case folder or folder of cases, e.g. rewind conformance ../shared/conformance --reference");
  CompiledOptions options;
  options.schedule.fusion = args.get_or("fusion", "rangeify");
  options.run.codegen.checked = args.has("checked");
  const CaseEvaluator evaluate = args.has("reference") ? reference_evaluator() : compiled_evaluator(options);
  std::vector<std::filesystem::path> dirs(args.positional.begin(), args.positional.end());
  for (const auto& d : dirs)
    if (!std::filesystem::is_directory(d)) throw UsageError("rewind conformance: '" + d.string() + "' is not a folder");
  ConformanceReport report;
  for (const auto& dir : dirs)
    for (const auto& c : find_cases(dir)) {
      report.results.push_back(run_case(c, evaluate));
      std::cout << format_result(report.results.back()) << std::endl;
    }
  std::cout << report.summary() << "\n";
  return report.failed() == 0 && !report.results.empty() ? 0 : 1;
}

}  // namespace

Command conformance_command() {
  return Command{
      "conformance",
      "run conformance cases and compare every output with its expected array",
      "rewind conformance DIR... [--reference] [--fusion=P] [--checked]",
      "By default each case is compiled and run (schedule, codegen, LLVM JIT); --reference uses the\n"
      "reference interpreter instead. A DIR holding program.tg is one case; otherwise its subfolders are cases, in name order.\n"
      "Each output y is compared with expected_y.npy: shape, dtype, and |got - want| <= 1e-5 + 1e-4*|want|\n"
      "(NaN equals NaN; integers exact). Prints one line per case, then 'N passed, M failed'; the exit\n"
      "status is 1 when any case failed.",
      {{"reference", "", "", "evaluate with the reference interpreter instead of compiled kernels"},
       {"fusion", "", "P", "fusion policy for the compiled path (default rangeify)"},
       {"checked", "", "", "bounds-checked kernels: an out-of-bounds access fails the case instead of crashing"}},
      run,
  };
}

}  // namespace rw::cli
