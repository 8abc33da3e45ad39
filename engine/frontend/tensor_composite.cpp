// Composite operations, built from movement ops, elementwise ops and reductions exactly the
// way tinygrad builds them, so the scheduler faces the same graphs.
#include <algorithm>

#include "engine/frontend/tensor.h"
#include "engine/ir/intmath.h"

namespace rw {

namespace {
IntTuple concat(IntTuple a, const IntTuple& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
IntTuple slice(const Shape& s, size_t begin, size_t end) { return IntTuple(s.begin() + begin, s.begin() + end); }
}  // namespace

// numpy matmul: (..., n, k) @ (..., k, m). x becomes (..., n, 1, k), w becomes
// (..., 1, m, k) after a transpose; their broadcast product is summed over k (tinygrad's dot).
Tensor Tensor::matmul(const Tensor& x, const Tensor& w) {
  int64_t dx = x.ndim(), dw = w.ndim();
  if (dx == 0 || dw == 0)
    throw TensorError("matmul needs tensors with at least one dimension, got shapes " + shape_str(x.shape()) + " and " + shape_str(w.shape()));
  int64_t k_x = x.shape().back(), k_w = w.shape()[size_t(dw - std::min<int64_t>(dw, 2))];
  if (k_x != k_w)
    throw TensorError("matmul: shapes " + shape_str(x.shape()) + " and " + shape_str(w.shape()) + " do not fit: the inner sizes " +
                          std::to_string(k_x) + " and " + std::to_string(k_w) + " differ",
                      "a @ b needs a's last size to equal b's second to last size; transpose one of them (.T)?");
  int64_t ones = std::min<int64_t>({dx - 1, dw - 1, 1});
  Tensor xr = x.reshape(concat(concat(slice(x.shape(), 0, size_t(dx - 1)), IntTuple(size_t(ones), 1)), {k_x}));
  IntTuple wshape = concat(slice(w.shape(), 0, size_t(std::max<int64_t>(dw - 2, 0))), IntTuple(size_t(ones), 1));
  wshape = concat(wshape, slice(w.shape(), size_t(dw - std::min<int64_t>(dw, 2)), size_t(dw)));
  Tensor wr = w.reshape(wshape).transpose(-1, -std::min<int64_t>(dw, 2));
  try {
    broadcast_shapes(xr.shape(), wr.shape());
  } catch (const TensorError&) {
    throw TensorError("matmul: the batch dimensions of " + shape_str(x.shape()) + " and " + shape_str(w.shape()) + " do not broadcast");
  }
  return mul(xr, wr).sum(IntTuple{-1});
}

// tinygrad's _pool: sliding windows over the last len(kernel) axes. The result has shape
// (..., out_0, ..., out_n, k_0, ..., k_n). Windows longer than the stride are gathered by
// repeating the input and cutting it into rows offset by one element (no gather op needed).
Tensor Tensor::pool(const IntTuple& k, int64_t s) const {
  size_t nk = k.size(), lead = size_t(ndim()) - nk;
  IntTuple noop = slice(shape(), 0, lead), in = slice(shape(), lead, size_t(ndim()));
  IntTuple out;
  for (size_t i = 0; i < nk; ++i) out.push_back(ceildiv(in[i] - (k[i] - 1), s));
  auto full_ranges = [&](PairTuple tail) {
    PairTuple r;
    for (int64_t d : noop) r.emplace_back(0, d);
    r.insert(r.end(), tail.begin(), tail.end());
    return r;
  };
  IntTuple perm;
  for (size_t i = 0; i < lead; ++i) perm.push_back(int64_t(i));
  if (std::any_of(k.begin(), k.end(), [&](int64_t kk) { return kk > s; })) {
    // Rows of length i*f + 1 (f = 2 when the strided windows would run past i - (k-1)), so
    // the later shrink to out*s always fits.
    IntTuple f;
    for (size_t i = 0; i < nk; ++i) f.push_back(out[i] * s > in[i] - (k[i] - 1) ? 2 : 1);
    IntTuple reps(lead, 1);
    for (size_t i = 0; i < nk; ++i) reps.push_back(ceildiv(k[i] * (in[i] * f[i] + 1), in[i]));
    Tensor x = repeat(reps);
    PairTuple r1;
    IntTuple s1 = noop;
    for (size_t i = 0; i < nk; ++i) {
      r1.emplace_back(0, k[i] * (in[i] * f[i] + 1));
      s1.push_back(k[i]);
      s1.push_back(in[i] * f[i] + 1);
    }
    x = x.shrink(full_ranges(r1)).reshape(s1);  // row j starts j elements later
    PairTuple r2;
    IntTuple s2 = noop;
    for (size_t i = 0; i < nk; ++i) {
      r2.emplace_back(0, k[i]);
      r2.emplace_back(0, out[i] * s);
      s2.insert(s2.end(), {k[i], out[i], s});
    }
    x = x.shrink(full_ranges(r2)).reshape(s2);
    PairTuple r3;
    IntTuple s3 = noop;
    for (size_t i = 0; i < nk; ++i) {
      r3.insert(r3.end(), {{0, k[i]}, {0, out[i]}, {0, 1}});
      s3.insert(s3.end(), {k[i], out[i]});
    }
    x = x.shrink(full_ranges(r3)).reshape(s3);  // keep every s-th window start
    for (size_t i = 0; i < nk; ++i) perm.push_back(int64_t(lead + 2 * i + 1));
    for (size_t i = 0; i < nk; ++i) perm.push_back(int64_t(lead + 2 * i));
    return x.permute(perm);
  }
  // Windows no longer than the stride: cut the axis into (out, stride) blocks and keep the
  // first k of each block.
  PairTuple padding(lead, {0, 0}), r1;
  IntTuple s1 = noop;
  for (size_t i = 0; i < nk; ++i) {
    padding.emplace_back(0, std::max<int64_t>(0, out[i] * s - in[i]));
    r1.emplace_back(0, out[i] * s);
    s1.insert(s1.end(), {out[i], s});
  }
  Tensor x = pad(padding).shrink(full_ranges(r1)).reshape(s1);
  PairTuple r2;
  for (size_t i = 0; i < nk; ++i) r2.insert(r2.end(), {{0, out[i]}, {0, k[i]}});
  x = x.shrink(full_ranges(r2));
  for (size_t i = 0; i < nk; ++i) perm.push_back(int64_t(lead + 2 * i));
  for (size_t i = 0; i < nk; ++i) perm.push_back(int64_t(lead + 2 * i + 1));
  return x.permute(perm);
}

// Tiles the tensor repeats[i] times along each axis: reshape to (1, s0, 1, s1, ...),
// expand to (r0, s0, r1, s1, ...), reshape to (r0*s0, r1*s1, ...).
Tensor Tensor::repeat(const IntTuple& repeats) const {
  IntTuple unsqueezed, expanded, final_shape;
  for (size_t i = 0; i < repeats.size(); ++i) {
    unsqueezed.insert(unsqueezed.end(), {1, shape()[i]});
    expanded.insert(expanded.end(), {repeats[i], shape()[i]});
    final_shape.push_back(repeats[i] * shape()[i]);
  }
  return reshape(unsqueezed).expand(expanded).reshape(final_shape);
}

// NCHW input, OIHW weight: pad, gather (kh, kw) windows with pool, line the windows up with
// the output channels and reduce over (cin, kh, kw) (tinygrad's conv2d, groups = 1).
Tensor Tensor::conv2d(const Tensor& w, int64_t stride, int64_t padding) const {
  if (ndim() != 4 || w.ndim() != 4)
    throw TensorError("conv2d needs a 4-D input (N, C, H, W) and a 4-D weight (O, C, KH, KW), got shapes " + shape_str(shape()) + " and " +
                      shape_str(w.shape()));
  int64_t bs = shape()[0], cin = shape()[1], cout = w.shape()[0];
  if (w.shape()[1] != cin)
    throw TensorError("conv2d: input " + shape_str(shape()) + " has " + count_str(cin, "channel") + " but weight " + shape_str(w.shape()) +
                      " expects " + std::to_string(w.shape()[1]),
                      "the input is NCHW and the weight OIHW: their second sizes must agree");
  if (stride < 1) throw TensorError("conv2d: stride " + std::to_string(stride) + " must be at least 1");
  if (padding < 0) throw TensorError("conv2d: padding " + std::to_string(padding) + " must not be negative");
  IntTuple hw = slice(w.shape(), 2, 4);
  Tensor padded = pad({{0, 0}, {0, 0}, {padding, padding}, {padding, padding}});
  for (int i = 0; i < 2; ++i)
    if (padded.shape()[size_t(2 + i)] < hw[size_t(i)])
      throw TensorError("conv2d: the kernel " + shape_str(hw) + " is larger than the padded input " + shape_str(slice(padded.shape(), 2, 4)));
  Tensor x = padded.pool(hw, stride);  // (bs, cin, oy, ox, kh, kw)
  int64_t oy = x.shape()[2], ox = x.shape()[3];
  x = x.reshape({bs, 1, cin, 1, oy, ox, hw[0], hw[1]})
          .expand({bs, 1, cin, cout, oy, ox, hw[0], hw[1]})
          .permute({0, 1, 3, 4, 5, 2, 6, 7});  // (bs, 1, cout, oy, ox, cin, kh, kw)
  Tensor weight = w.reshape({1, 1, cout, 1, 1, cin, hw[0], hw[1]});
  return mul(x, weight).sum(IntTuple{-1, -2, -3}, true).reshape({bs, cout, oy, ox});
}

Tensor Tensor::max_pool2d(int64_t k) const {
  if (ndim() < 2) throw TensorError("max_pool2d needs at least 2 dimensions, got shape " + shape_str(shape()));
  if (k < 1) throw TensorError("max_pool2d: kernel size " + std::to_string(k) + " must be at least 1");
  if (shape()[size_t(ndim() - 1)] < k || shape()[size_t(ndim() - 2)] < k)
    throw TensorError("max_pool2d: kernel " + std::to_string(k) + " is larger than the spatial shape " +
                      shape_str(slice(shape(), size_t(ndim() - 2), size_t(ndim()))));
  return pool({k, k}, k).max(IntTuple{-1, -2});
}

// Prefix sums along `axis` as a window sum: pad n-1 zeros in front, slide a window of n
// (tinygrad's _cumalu). include_initial shifts by one: element i sums elements [0, i).
Tensor Tensor::cumsum_window(int64_t axis, bool include_initial) const {
  Tensor x = transpose(axis, -1);
  int64_t n = x.shape().back();
  PairTuple amounts(size_t(ndim()), {0, 0});
  amounts.back() = {n - (include_initial ? 0 : 1), include_initial ? -1 : 0};
  return x.pad_or_shrink(amounts).pool({n}, 1).sum(IntTuple{-1}).transpose(axis, -1);
}

// Long axes are split in blocks of 256 (tinygrad's _split_cumalu): a prefix sum inside
// each block, plus the exclusive prefix sum of the block totals. This keeps the window
// at 256 instead of n.
Tensor Tensor::cumsum(int64_t axis) const {
  if (ndim() == 0 || numel() == 0) return *this;
  axis = resolve_axis(axis);
  constexpr int64_t kSplit = 256;
  int64_t n = shape()[size_t(axis)];
  if (n <= 2 * kSplit) return cumsum_window(axis, false);
  int64_t blocks = ceildiv(n, kSplit);
  Tensor x = transpose(axis, -1);
  PairTuple front(size_t(ndim()), {0, 0});
  front.back() = {blocks * kSplit - n, 0};
  IntTuple outer = slice(x.shape(), 0, size_t(ndim() - 1));
  Tensor within = x.pad(front).reshape(concat(outer, {blocks, kSplit})).cumsum_window(-1, false);
  PairTuple last(size_t(ndim() + 1), {0, 0});
  for (size_t i = 0; i < outer.size(); ++i) last[i] = {0, outer[i]};
  last[size_t(ndim() - 1)] = {0, blocks};
  last.back() = {kSplit - 1, kSplit};
  Tensor totals = within.shrink(last).reshape(concat(outer, {blocks})).cumsum_window(-1, true);
  Tensor offsets = totals.reshape(concat(outer, {blocks, 1})).expand(concat(outer, {blocks, kSplit}));
  auto unblock = [&](const Tensor& t) {
    PairTuple keep(size_t(ndim()), {0, 0});
    for (size_t i = 0; i < outer.size(); ++i) keep[i] = {0, outer[i]};
    keep.back() = {blocks * kSplit - n, blocks * kSplit};
    return t.reshape(concat(outer, {blocks * kSplit})).shrink(keep).transpose(axis, -1);
  };
  return add(unblock(within), unblock(offsets));
}

// exp(x - max) / sum(exp(x - max)): subtracting the max keeps exp from overflowing.
Tensor Tensor::softmax(int64_t axis) const {
  Tensor x = dtype().is_float() ? *this : cast(DType::float32());
  Tensor e = sub(x, x.max(IntTuple{axis}, true)).exp();
  return div(e, e.sum(IntTuple{axis}, true));
}

Tensor Tensor::contiguous() const { return with(ctx_->make(Op::CONTIGUOUS, dtype(), {node_})); }

// Realizing is the scheduler's business; in the graph it is the same request as contiguous.
Tensor Tensor::realize() const { return contiguous(); }

}  // namespace rw
