#include "engine/inspect/fusion_compare.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "engine/ir/dtype.h"
#include "engine/ir/hash.h"

namespace rw {

namespace {

// A node's value, seen through REALIZE: the scheduler decides about nodes of graphs it has
// rebuilt around earlier REALIZEs (rangeify sees REDUCE(EXP2(...REALIZE(max)...))), and this
// key finds the tensor-graph node such a node computes.
class ValueKeys {
 public:
  ValueKeys(TraceReader& reader, int64_t run_id) : reader_(reader), run_id_(run_id) {}
  uint64_t of(int64_t root) {
    std::vector<std::pair<int64_t, bool>> stack{{root, false}};
    while (!stack.empty()) {
      auto [id, expanded] = stack.back();
      stack.pop_back();
      if (memo_.count(id)) continue;
      const NodeRow* n = row(id);
      if (!n) {
        memo_[id] = hash_combine(0xdeadull, uint64_t(id));
        continue;
      }
      if (!expanded) {
        stack.push_back({id, true});
        for (int64_t s : n->srcs)
          if (!memo_.count(s)) stack.push_back({s, false});
        continue;
      }
      if (n->op == "REALIZE" && n->srcs.size() == 1) {
        memo_[id] = memo_.at(n->srcs[0]);
        continue;
      }
      memo_[id] = combine(*n, [&](int64_t s) { return memo_.at(s); });
    }
    return memo_.at(root);
  }

  template <class SourceKey>
  static uint64_t combine(const NodeRow& n, SourceKey&& key_of) {
    uint64_t h = hash_combine(hash_combine(hash_bytes(n.op), hash_bytes(n.dtype)), hash_combine(hash_bytes(n.arg), uint64_t(n.tag)));
    for (int64_t s : n.srcs) h = hash_combine(h, key_of(s));
    return h;
  }

  const NodeRow* row(int64_t id) {
    auto it = rows_.find(id);
    if (it == rows_.end()) it = rows_.emplace(id, reader_.node(run_id_, id)).first;
    return it->second ? &*it->second : nullptr;
  }

 private:
  TraceReader& reader_;
  int64_t run_id_;
  std::unordered_map<int64_t, std::optional<NodeRow>> rows_;
  std::unordered_map<int64_t, uint64_t> memo_;
};

// The value a tensor-graph node has once the rewrites made before the scheduler's first
// decision (its early cleanups) were applied, as the scheduler itself traces kernels back
// (schedule_program.cpp, trace_back): each node rebuilt from its sources' images, then
// replaced while a step matched a node of that value. Decisions are about those images.
class CleanedKeys {
 public:
  CleanedKeys(TraceReader& reader, int64_t run_id, const std::vector<DecisionRow>& decisions, ValueKeys& values) : values_(values) {
    std::optional<int64_t> first_decision_seq;
    std::vector<PassRow> passes = reader.passes(run_id);
    for (const DecisionRow& d : decisions)
      for (const PassRow& p : passes)
        if (d.pass_id == p.id && (!first_decision_seq || p.seq < *first_decision_seq)) first_decision_seq = p.seq;
    if (!first_decision_seq) return;
    for (const PassRow& p : passes)
      if (p.seq < *first_decision_seq && p.step_count > 0)
        for (const StepRow& s : reader.steps(p.id)) replaced_.insert_or_assign(values_.of(s.matched), s.replacement);
  }
  // The image's value key, and whether the image has the node's op (else it stands for no node).
  std::pair<uint64_t, bool> of(int64_t id) {
    if (auto it = memo_.find(id); it != memo_.end()) return it->second;
    std::vector<std::pair<int64_t, bool>> stack{{id, false}};
    while (!stack.empty()) {
      auto [n_id, expanded] = stack.back();
      stack.pop_back();
      if (memo_.count(n_id)) continue;
      const NodeRow* n = values_.row(n_id);
      if (!n) {
        memo_[n_id] = {values_.of(n_id), false};
        continue;
      }
      if (!expanded) {
        stack.push_back({n_id, true});
        for (int64_t s : n->srcs)
          if (!memo_.count(s)) stack.push_back({s, false});
        continue;
      }
      uint64_t key = ValueKeys::combine(*n, [&](int64_t s) { return memo_.at(s).first; });
      bool same_op = true;
      for (int guard = 0; guard < 64; ++guard) {
        auto it = replaced_.find(key);
        if (it == replaced_.end()) break;
        uint64_t next = values_.of(it->second);
        const NodeRow* r = values_.row(it->second);
        same_op = r && r->op == n->op;
        if (next == key) break;
        key = next;
      }
      memo_[n_id] = {key, same_op};
    }
    return memo_.at(id);
  }

 private:
  ValueKeys& values_;
  std::unordered_map<uint64_t, int64_t> replaced_;  // value of a matched node -> its replacement
  std::unordered_map<int64_t, std::pair<uint64_t, bool>> memo_;
};

int64_t buffer_bytes(const NodeRow& n) {
  auto dt = dtype_from_name(n.dtype);
  if (!dt || !n.shape) return 0;
  int64_t elements = 1;
  for (int64_t d : *n.shape) elements *= d;
  return elements * dt->itemsize();
}

std::string options_text(const RunRow& r) {
  std::string out;
  for (const auto& [k, v] : r.options) out += (out.empty() ? "" : " ") + k + "=" + v;
  return out;
}

class Builder {
 public:
  FusionComparison c;

  void add_side(TraceReader& reader, int64_t run_id, bool is_a) {
    FusionSide& side = is_a ? c.a : c.b;
    side.path = reader.path();
    side.run_id = run_id;
    for (const RunRow& r : reader.runs())
      if (r.id == run_id) side.options = options_text(r);
    std::map<std::string, TimingRow> timing;
    for (const TimingRow& t : reader.timings(run_id)) timing[t.kernel] = t;  // the last timing of each kernel
    std::unordered_map<int64_t, size_t> index_of_id;  // this run's node ids
    side.decisions = reader.decisions(run_id);
    ValueKeys values(reader, run_id);
    CleanedKeys cleaned(reader, run_id, side.decisions, values);
    std::unordered_map<uint64_t, size_t> by_value;
    for (const KernelRow& k : reader.kernels(run_id)) {
      KernelSummary ks;
      ks.name = k.name;
      ks.flops = k.flops;
      ks.bytes = k.bytes;
      side.total_bytes += k.bytes;
      if (auto t = timing.find(k.name); t != timing.end()) {
        ks.min_us = t->second.min_us;
        ks.median_us = t->second.median_us;
        side.total_min_us += t->second.min_us;
        side.total_median_us += t->second.median_us;
      }
      std::set<int64_t> used;  // sources of the kernel's own nodes: the written node is not among them
      std::vector<NodeRow> rows;
      for (int64_t id : k.computes)
        if (auto n = reader.node(run_id, id)) {
          rows.push_back(*n);
          used.insert(n->srcs.begin(), n->srcs.end());
        }
      for (const NodeRow& n : rows) {
        size_t i = node_index(n, is_a);
        index_of_id[n.id] = i;
        by_value.emplace(values.of(n.id), i);
        if (auto [key, same_op] = cleaned.of(n.id); same_op) by_value.emplace(key, i);
        ks.computes.push_back(i);
        if (!used.count(n.id) && (!ks.has_writes || n.id > *(is_a ? c.nodes[ks.writes].id_a : c.nodes[ks.writes].id_b))) {
          ks.writes = i;
          ks.has_writes = true;
        }
      }
      side.kernels.push_back(std::move(ks));
    }
    for (const DecisionRow& d : side.decisions) {
      if (!d.node) continue;
      std::optional<size_t> i;
      if (auto it = index_of_id.find(*d.node); it != index_of_id.end()) i = it->second;
      else if (auto v = by_value.find(values.of(*d.node)); v != by_value.end()) i = v->second;
      if (i) (is_a ? c.decisions_a : c.decisions_b).push_back({*i, is_a, d.decision, d.reason, d.detail});
    }
  }

  void compare() {
    auto written = [](const FusionSide& s) {
      std::map<size_t, size_t> w;  // node -> kernel writing it
      for (size_t k = 0; k < s.kernels.size(); ++k)
        if (s.kernels[k].has_writes) w.emplace(s.kernels[k].writes, k);
      return w;
    };
    auto wa = written(c.a), wb = written(c.b);
    // Kernels: pairs writing the same node, then the rest of each side.
    std::set<size_t> paired_b;
    for (size_t k = 0; k < c.a.kernels.size(); ++k) {
      KernelPair p;
      p.a = k;
      if (c.a.kernels[k].has_writes)
        if (auto it = wb.find(c.a.kernels[k].writes); it != wb.end() && !paired_b.count(it->second)) {
          p.b = it->second;
          paired_b.insert(it->second);
          const KernelSummary &x = c.a.kernels[k], &y = c.b.kernels[it->second];
          if (x.min_us && y.min_us) p.min_delta_us = *y.min_us - *x.min_us;
          if (x.median_us && y.median_us) p.median_delta_us = *y.median_us - *x.median_us;
        }
      c.pairs.push_back(p);
    }
    std::stable_partition(c.pairs.begin(), c.pairs.end(), [](const KernelPair& p) { return p.b.has_value(); });
    for (size_t k = 0; k < c.b.kernels.size(); ++k)
      if (!paired_b.count(k)) c.pairs.push_back({std::nullopt, k, std::nullopt, std::nullopt});

    auto computing = [](const FusionSide& s, size_t node) {
      std::vector<size_t> ks;
      for (size_t k = 0; k < s.kernels.size(); ++k)
        if (std::find(s.kernels[k].computes.begin(), s.kernels[k].computes.end(), node) != s.kernels[k].computes.end()) ks.push_back(k);
      return ks;
    };
    auto writes_of = [](const FusionSide& s, const std::vector<size_t>& ks) {
      std::set<size_t> w;
      for (size_t k : ks) w.insert(s.kernels[k].has_writes ? s.kernels[k].writes : SIZE_MAX);
      return w;
    };
    for (size_t i = 0; i < c.nodes.size(); ++i) {
      const TensorNode& n = c.nodes[i];
      if (!n.id_a || !n.id_b) {
        (n.id_a ? c.nodes_only_a : c.nodes_only_b)++;
        continue;
      }
      MovedNode m{i, computing(c.a, i), computing(c.b, i), wa.count(i) > 0, wb.count(i) > 0};
      if (m.realized_a != m.realized_b || writes_of(c.a, m.kernels_a) != writes_of(c.b, m.kernels_b)) c.moved.push_back(std::move(m));
    }
    for (auto [node, k] : wa)
      if (!wb.count(node) && c.nodes[node].id_b) {
        c.buffers_only_a.push_back(node);
        c.buffer_bytes_only_a += c.nodes[node].bytes;
      }
    for (auto [node, k] : wb)
      if (!wa.count(node) && c.nodes[node].id_a) {
        c.buffers_only_b.push_back(node);
        c.buffer_bytes_only_b += c.nodes[node].bytes;
      }
    add_splits(true, wa, wb);
    add_splits(false, wb, wa);
  }

 private:
  size_t node_index(const NodeRow& n, bool is_a) {
    auto [it, fresh] = by_hash_.try_emplace(n.hash, c.nodes.size());
    if (fresh) {
      TensorNode t;
      t.hash = n.hash;
      t.op = n.op;
      t.dtype = n.dtype;
      t.arg = n.arg;
      t.location = n.provenance;
      t.shape = n.shape;
      t.bytes = buffer_bytes(n);
      c.nodes.push_back(std::move(t));
    }
    (is_a ? c.nodes[it->second].id_a : c.nodes[it->second].id_b) = n.id;
    return it->second;
  }

  void add_splits(bool side_a, const std::map<size_t, size_t>& written_here, const std::map<size_t, size_t>& written_there) {
    const FusionSide &here = side_a ? c.a : c.b, &there = side_a ? c.b : c.a;
    const auto &dec_here = side_a ? c.decisions_a : c.decisions_b, &dec_there = side_a ? c.decisions_b : c.decisions_a;
    for (size_t k = 0; k < here.kernels.size(); ++k) {
      const KernelSummary& ks = here.kernels[k];
      std::set<size_t> other;
      for (size_t node : ks.computes)
        for (size_t j = 0; j < there.kernels.size(); ++j)
          if (std::find(there.kernels[j].computes.begin(), there.kernels[j].computes.end(), node) != there.kernels[j].computes.end()) other.insert(j);
      // Unchanged: the other side has a kernel writing the same node from the same nodes
      // (other kernels may recompute some of them, on both sides alike).
      bool same = false;
      for (size_t j : other) {
        const KernelSummary& t = there.kernels[j];
        same = same || (t.has_writes && ks.has_writes && t.writes == ks.writes &&
                        std::set<size_t>(t.computes.begin(), t.computes.end()) == std::set<size_t>(ks.computes.begin(), ks.computes.end()));
      }
      if (same || other.empty()) continue;
      KernelSplit s{side_a, k, std::vector<size_t>(other.begin(), other.end()), {}};
      for (size_t node : ks.computes) {
        bool here_realized = written_here.count(node) > 0, there_realized = written_there.count(node) > 0;
        if (here_realized == there_realized) continue;
        // The reasons of the side that realized it, then any decision the other side made.
        for (const auto* decisions : {here_realized ? &dec_here : &dec_there, here_realized ? &dec_there : &dec_here})
          for (const NodeDecision& d : *decisions)
            if (d.node == node) s.why.push_back(d);
      }
      c.splits.push_back(std::move(s));
    }
  }

  std::unordered_map<uint64_t, size_t> by_hash_;
};

}  // namespace

FusionComparison compare_fusion(TraceReader& a, int64_t run_a, TraceReader& b, int64_t run_b) {
  Builder builder;
  builder.add_side(a, run_a, true);
  builder.add_side(b, run_b, false);
  builder.compare();
  return std::move(builder.c);
}

}  // namespace rw
