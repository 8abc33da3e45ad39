#include <cstdio>

#include "app/cli/diff_output.h"
#include "app/cli/node_text.h"
#include "engine/trace/json_writer.h"

namespace rw::cli {

namespace {

std::string us(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

std::string signed_us(double v) { return (v >= 0 ? "+" : "") + us(v); }

// "EXP2 %10 [6,10]" with both ids when the runs numbered it differently.
std::string node_name(const TensorNode& n) {
  std::string id;
  if (n.id_a && n.id_b && *n.id_a != *n.id_b) id = "A%" + std::to_string(*n.id_a) + "/B%" + std::to_string(*n.id_b);
  else id = "%" + std::to_string(n.id_a ? *n.id_a : *n.id_b);
  std::string out = n.op + " " + id;
  if (n.shape) out += " " + shape_text(n.shape);
  return out;
}

std::string kernel_names(const FusionSide& s, const std::vector<size_t>& ks) {
  std::string out;
  for (size_t k : ks) out += (out.empty() ? "" : ", ") + s.kernels[k].name;
  return out.empty() ? "(none)" : out;
}

std::string decision_line(const FusionComparison& c, const NodeDecision& d) {
  return node_name(c.nodes[d.node]) + ": " + d.decision + " " + d.reason + " (" + (d.side_a ? "A" : "B") + ") - " + d.detail;
}

std::string reasons_for(const FusionComparison& c, size_t node, bool side_a) {
  std::string out;
  for (const NodeDecision& d : side_a ? c.decisions_a : c.decisions_b)
    if (d.node == node) out += (out.empty() ? "" : ", ") + d.decision + " " + d.reason;
  return out;
}

std::string side_line(const char* tag, const FusionSide& s) {
  return std::string(tag) + ": " + s.path + " run " + std::to_string(s.run_id) + (s.options.empty() ? "" : " (" + s.options + ")") + ": " +
         std::to_string(s.kernels.size()) + " kernel" + (s.kernels.size() == 1 ? "" : "s") + "\n";
}

}  // namespace

std::string fusion_text(const FusionComparison& c) {
  std::string out = "fusion diff\n" + side_line("A", c.a) + side_line("B", c.b);
  out += "\nkernels (matched by the tensor node they write):\n";
  for (const KernelPair& p : c.pairs) {
    const KernelSummary* ka = p.a ? &c.a.kernels[*p.a] : nullptr;
    const KernelSummary* kb = p.b ? &c.b.kernels[*p.b] : nullptr;
    const KernelSummary& k = ka ? *ka : *kb;
    char head[160];
    std::snprintf(head, sizeof head, "  %-18s %-18s", ka ? ("A " + ka->name).c_str() : "-", kb ? ("B " + kb->name).c_str() : "-");
    out += head;
    out += k.has_writes ? "writes " + node_name(c.nodes[k.writes]) : std::string("writes nothing known");
    if (ka && kb) {
      if (p.min_delta_us) out += "   min " + us(*ka->min_us) + " -> " + us(*kb->min_us) + " us (" + signed_us(*p.min_delta_us) + ")";
      if (p.median_delta_us) out += "  median " + us(*ka->median_us) + " -> " + us(*kb->median_us) + " us (" + signed_us(*p.median_delta_us) + ")";
    } else {
      out += std::string("   only in ") + (ka ? "A" : "B");
      if (k.min_us) out += "  min " + us(*k.min_us) + " us  median " + us(*k.median_us) + " us";
      if (k.has_writes) {
        std::string why = reasons_for(c, k.writes, ka != nullptr);
        if (!why.empty()) out += "  [" + why + "]";
      }
    }
    out += "\n";
  }
  if (c.same_fusion()) {
    out += "\nno fusion differences: every tensor node is computed by corresponding kernels in both runs\n";
  } else {
    if (!c.splits.empty()) out += "\nkernels whose nodes the other run computes in other kernels:\n";
    for (const KernelSplit& s : c.splits) {
      const FusionSide &here = s.side_a ? c.a : c.b, &there = s.side_a ? c.b : c.a;
      out += std::string("  ") + (s.side_a ? "A " : "B ") + here.kernels[s.kernel].name + " -> " + (s.side_a ? "B " : "A ") +
             kernel_names(there, s.other) + "\n";
      for (const NodeDecision& d : s.why) out += "      " + decision_line(c, d) + "\n";
    }
    out += "\nbuffers realized in one run only:\n";
    for (size_t n : c.buffers_only_a) out += "  A only: " + node_name(c.nodes[n]) + " " + c.nodes[n].dtype + "  " + std::to_string(c.nodes[n].bytes) + " B  [" + reasons_for(c, n, true) + "]\n";
    for (size_t n : c.buffers_only_b) out += "  B only: " + node_name(c.nodes[n]) + " " + c.nodes[n].dtype + "  " + std::to_string(c.nodes[n].bytes) + " B  [" + reasons_for(c, n, false) + "]\n";
    out += "  bytes: A " + std::to_string(c.buffer_bytes_only_a) + " B in " + std::to_string(c.buffers_only_a.size()) + " buffer(s), B " +
           std::to_string(c.buffer_bytes_only_b) + " B in " + std::to_string(c.buffers_only_b.size()) + " buffer(s)\n";
    out += "\nmoved tensor nodes (" + std::to_string(c.moved.size()) + "):\n";
    for (const MovedNode& m : c.moved) {
      out += "  " + node_name(c.nodes[m.node]) + ": A " + kernel_names(c.a, m.kernels_a) + (m.realized_a ? " (realized)" : "") + " -> B " +
             kernel_names(c.b, m.kernels_b) + (m.realized_b ? " (realized)" : "") + "\n";
    }
    if (c.nodes_only_a || c.nodes_only_b)
      out += "tensor nodes computed in one run only (different programs?): A " + std::to_string(c.nodes_only_a) + ", B " + std::to_string(c.nodes_only_b) + "\n";
  }
  out += "\ntime (sum over kernels): min " + us(c.a.total_min_us) + " -> " + us(c.b.total_min_us) + " us (" + signed_us(c.b.total_min_us - c.a.total_min_us) +
         "), median " + us(c.a.total_median_us) + " -> " + us(c.b.total_median_us) + " us (" + signed_us(c.b.total_median_us - c.a.total_median_us) + ")\n";
  out += "memory traffic per run: A " + std::to_string(c.a.total_bytes) + " B, B " + std::to_string(c.b.total_bytes) + " B\n";
  return out;
}

std::string fusion_json(const FusionComparison& c) {
  JsonWriter j;
  auto opt = [&](const std::optional<double>& v) -> JsonWriter& { return v ? j.value(*v) : j.null(); };
  auto node_ids = [&](const char* k, const std::vector<size_t>& v) {
    j.key(k).begin_array();
    for (size_t n : v) j.value(int64_t(n));
    j.end_array();
  };
  auto decisions = [&](const std::vector<NodeDecision>& v) {
    j.begin_array();
    for (const NodeDecision& d : v)
      j.begin_object().key("node").value(int64_t(d.node)).key("side").value(d.side_a ? "A" : "B").key("decision").value(d.decision)
          .key("reason").value(d.reason).key("detail").value(d.detail).end_object();
    j.end_array();
  };
  auto side = [&](const char* k, const FusionSide& s) {
    j.key(k).begin_object().key("path").value(s.path).key("run_id").value(s.run_id).key("options").value(s.options);
    j.key("total_min_us").value(s.total_min_us).key("total_median_us").value(s.total_median_us).key("total_bytes").value(s.total_bytes);
    j.key("kernels").begin_array();
    for (const KernelSummary& ks : s.kernels) {
      j.begin_object().key("name").value(ks.name).key("writes");
      if (ks.has_writes) j.value(int64_t(ks.writes));
      else j.null();
      node_ids("computes", ks.computes);
      j.key("min_us");
      opt(ks.min_us);
      j.key("median_us");
      opt(ks.median_us);
      j.key("flops").value(ks.flops).key("bytes").value(ks.bytes).end_object();
    }
    j.end_array().end_object();
  };
  j.begin_object();
  j.key("same_fusion").value(c.same_fusion());
  side("a", c.a);
  side("b", c.b);
  // Tensor nodes are referred to by their index in this list; each has its id in either run.
  j.key("nodes").begin_array();
  for (const TensorNode& n : c.nodes) {
    j.begin_object().key("hash").value(std::to_string(n.hash)).key("id_a");
    if (n.id_a) j.value(*n.id_a);
    else j.null();
    j.key("id_b");
    if (n.id_b) j.value(*n.id_b);
    else j.null();
    j.key("op").value(n.op).key("dtype").value(n.dtype).key("shape").value(shape_text(n.shape)).key("location").value(n.location).key("bytes").value(n.bytes).end_object();
  }
  j.end_array();
  j.key("pairs").begin_array();
  for (const KernelPair& p : c.pairs) {
    j.begin_object().key("a");
    if (p.a) j.value(c.a.kernels[*p.a].name);
    else j.null();
    j.key("b");
    if (p.b) j.value(c.b.kernels[*p.b].name);
    else j.null();
    j.key("min_delta_us");
    opt(p.min_delta_us);
    j.key("median_delta_us");
    opt(p.median_delta_us);
    j.end_object();
  }
  j.end_array();
  j.key("splits").begin_array();
  for (const KernelSplit& s : c.splits) {
    const FusionSide &here = s.side_a ? c.a : c.b, &there = s.side_a ? c.b : c.a;
    j.begin_object().key("side").value(s.side_a ? "A" : "B").key("kernel").value(here.kernels[s.kernel].name).key("other").begin_array();
    for (size_t k : s.other) j.value(there.kernels[k].name);
    j.end_array().key("why");
    decisions(s.why);
    j.end_object();
  }
  j.end_array();
  j.key("moved").begin_array();
  for (const MovedNode& m : c.moved) {
    j.begin_object().key("node").value(int64_t(m.node)).key("kernels_a").begin_array();
    for (size_t k : m.kernels_a) j.value(c.a.kernels[k].name);
    j.end_array().key("kernels_b").begin_array();
    for (size_t k : m.kernels_b) j.value(c.b.kernels[k].name);
    j.end_array().key("realized_a").value(m.realized_a).key("realized_b").value(m.realized_b).end_object();
  }
  j.end_array();
  node_ids("buffers_only_a", c.buffers_only_a);
  node_ids("buffers_only_b", c.buffers_only_b);
  j.key("buffer_bytes_only_a").value(c.buffer_bytes_only_a).key("buffer_bytes_only_b").value(c.buffer_bytes_only_b);
  j.key("decisions_a");
  decisions(c.decisions_a);
  j.key("decisions_b");
  decisions(c.decisions_b);
  j.key("nodes_only_a").value(int64_t(c.nodes_only_a)).key("nodes_only_b").value(int64_t(c.nodes_only_b));
  j.end_object();
  return j.str() + "\n";
}

}  // namespace rw::cli
