#include "viewers/chrome_trace.h"

#include "engine/trace/json_writer.h"

namespace rw::viewer {

std::string chrome_trace_json(const std::vector<KernelSummary>& kernels, const std::string& run_label) {
  JsonWriter w;
  w.begin_object().key("displayTimeUnit").value("ns").key("traceEvents").begin_array();
  w.begin_object().key("name").value("process_name").key("ph").value("M").key("pid").value(1).key("tid").value(1);
  w.key("args").begin_object().key("name").value(run_label).end_object().end_object();
  double ts = 0;
  for (const KernelSummary& k : kernels) {
    if (!k.timing) continue;
    w.begin_object().key("name").value(k.kernel.name).key("cat").value("kernel").key("ph").value("X");
    w.key("ts").value(ts).key("dur").value(k.timing->median_us).key("pid").value(1).key("tid").value(1);
    w.key("args").begin_object().key("min_us").value(k.timing->min_us).key("median_us").value(k.timing->median_us);
    w.key("iterations").value(k.timing->iterations);
    if (auto g = k.gflops()) w.key("gflops").value(*g);
    if (auto b = k.gbytes_per_s()) w.key("gbytes_per_s").value(*b);
    if (auto ok = k.check_ok()) w.key("check").value(*ok ? "pass" : "fail");
    w.end_object().end_object();
    ts += k.timing->median_us;
  }
  w.end_array().end_object();
  return w.str();
}

}  // namespace rw::viewer
