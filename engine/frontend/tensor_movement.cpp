// Movement operations. Each checks its arguments against the tensor's shape first so the
// error names the shape and the argument; operations that would change nothing return the
// tensor itself (no node), as tinygrad's do.
#include <algorithm>

#include "engine/frontend/tensor.h"

namespace rw {

namespace {
std::string pairs_str(const PairTuple& p) {
  std::string s = "(";
  for (size_t i = 0; i < p.size(); ++i) s += (i ? ", (" : "(") + std::to_string(p[i].first) + ", " + std::to_string(p[i].second) + ")";
  if (p.size() == 1) s += ",";
  return s + ")";
}
}  // namespace

int64_t Tensor::resolve_axis(int64_t axis) const {
  int64_t n = ndim();
  if (axis < -n || axis >= n) {
    std::string range = n == 0 ? "a 0-d tensor has no axes" : "valid axes are " + std::to_string(-n) + " to " + std::to_string(n - 1);
    throw TensorError("axis " + std::to_string(axis) + " is out of range for shape " + shape_str(shape()), range);
  }
  return axis < 0 ? axis + n : axis;
}

Tensor Tensor::reshape(IntTuple to) const {
  auto infer = std::find(to.begin(), to.end(), -1);
  if (infer != to.end()) {
    if (std::count(to.begin(), to.end(), -1) > 1)
      throw TensorError("cannot reshape " + shape_str(shape()) + " to " + shape_str(to) + ": only one size can be -1");
    int64_t known = 1;
    for (int64_t d : to)
      if (d != -1) known *= d;
    if (known == 0 || numel() % known != 0)
      throw TensorError("cannot reshape " + shape_str(shape()) + " (" + count_str(numel(), "element") + ") to " + shape_str(to));
    *infer = numel() / known;
  }
  if (to == shape()) return *this;
  return with(ctx_->make(Op::RESHAPE, dtype(), {node_}, Arg(to)));
}

Tensor Tensor::permute(IntTuple order) const {
  if (int64_t(order.size()) != ndim())
    throw TensorError("cannot permute shape " + shape_str(shape()) + " by " + shape_str(order) + ": give one axis per dimension (" +
                      std::to_string(ndim()) + ")");
  for (int64_t& a : order) a = resolve_axis(a);
  bool identity = true;
  for (size_t i = 0; i < order.size(); ++i) identity = identity && order[i] == int64_t(i);
  if (identity) return *this;
  return with(ctx_->make(Op::PERMUTE, dtype(), {node_}, Arg(order)));
}

Tensor Tensor::expand(IntTuple to) const {
  if (int64_t(to.size()) < ndim())
    throw TensorError("cannot expand shape " + shape_str(shape()) + " to " + shape_str(to) + ": the target has fewer dimensions");
  size_t lead = to.size() - size_t(ndim());
  Shape aligned(lead, 1);
  aligned.insert(aligned.end(), shape().begin(), shape().end());
  for (size_t i = 0; i < to.size(); ++i) {
    if (to[i] == -1 && i >= lead) to[i] = aligned[i];
    if (to[i] != aligned[i] && aligned[i] != 1)
      throw TensorError("cannot expand shape " + shape_str(shape()) + " to " + shape_str(to),
                        "only axes of size 1 can be expanded; axis " + std::to_string(i) + " has size " + std::to_string(aligned[i]));
  }
  Tensor x = reshape(aligned);
  if (to == aligned) return x;
  return with(ctx_->make(Op::EXPAND, dtype(), {x.node()}, Arg(to)));
}

Tensor Tensor::pad(const PairTuple& pads) const {
  if (int64_t(pads.size()) != ndim())
    throw TensorError("cannot pad shape " + shape_str(shape()) + " with " + pairs_str(pads),
                      "give one (before, after) pair per dimension (" + std::to_string(ndim()) + ")");
  for (auto [b, a] : pads)
    if (b < 0 || a < 0) throw TensorError("cannot pad shape " + shape_str(shape()) + " with " + pairs_str(pads) + ": padding must not be negative", "use shrink to cut");
  if (std::all_of(pads.begin(), pads.end(), [](auto p) { return p.first == 0 && p.second == 0; })) return *this;
  return with(ctx_->make(Op::PAD, dtype(), {node_}, Arg(pads)));
}

Tensor Tensor::shrink(const PairTuple& ranges) const {
  if (int64_t(ranges.size()) != ndim())
    throw TensorError("cannot shrink shape " + shape_str(shape()) + " to " + pairs_str(ranges),
                      "give one (start, end) pair per dimension (" + std::to_string(ndim()) + ")");
  bool full = true;
  for (size_t i = 0; i < ranges.size(); ++i) {
    auto [s, e] = ranges[i];
    if (s < 0 || s > e || e > shape()[i])
      throw TensorError("cannot shrink shape " + shape_str(shape()) + " to " + pairs_str(ranges) + ": axis " + std::to_string(i) + " has size " +
                            std::to_string(shape()[i]),
                        "each range must satisfy 0 <= start <= end <= size");
    full = full && s == 0 && e == shape()[i];
  }
  if (full) return *this;
  return with(ctx_->make(Op::SHRINK, dtype(), {node_}, Arg(ranges)));
}

Tensor Tensor::flip(IntTuple axes) const {
  for (int64_t& a : axes) a = resolve_axis(a);
  std::sort(axes.begin(), axes.end());
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end())
    throw TensorError("cannot flip shape " + shape_str(shape()) + ": an axis is listed twice");
  if (axes.empty()) return *this;
  return with(ctx_->make(Op::FLIP, dtype(), {node_}, Arg(axes)));
}

Tensor Tensor::transpose(int64_t a, int64_t b) const {
  IntTuple order(static_cast<size_t>(ndim()));
  for (size_t i = 0; i < order.size(); ++i) order[i] = int64_t(i);
  std::swap(order[size_t(resolve_axis(a))], order[size_t(resolve_axis(b))]);
  return permute(order);
}

Tensor Tensor::T() const {
  IntTuple order;
  for (int64_t i = ndim() - 1; i >= 0; --i) order.push_back(i);
  return permute(order);
}

// Padding where positive, shrinking where negative: tinygrad's pad with negative amounts.
Tensor Tensor::pad_or_shrink(const PairTuple& amounts) const {
  PairTuple pads, ranges;
  for (size_t i = 0; i < amounts.size(); ++i) {
    auto [b, a] = amounts[i];
    pads.emplace_back(std::max<int64_t>(b, 0), std::max<int64_t>(a, 0));
    ranges.emplace_back(-std::min<int64_t>(b, 0), shape()[i] + std::min<int64_t>(a, 0));
  }
  Tensor x = shrink(ranges);
  return x.pad(pads);
}

}  // namespace rw
