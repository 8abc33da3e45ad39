// Movement ops as index arithmetic: each maps the index of a movement op's result to the
// index of its source. Shared by the movement rules and their deliberately faulty variants.
// Internal to engine/schedule.
#pragma once
#include "engine/rewrite/pattern_matcher.h"
#include "engine/schedule/rangeify_context.h"

namespace rw::sched {

// `idx` is INDEX(movement op, ...). Each returns the replacement.
UOpPtr map_reshape(RangeifyContext& ctx, UOpPtr idx);
UOpPtr map_permute(RangeifyContext& ctx, UOpPtr idx);
UOpPtr map_expand(RangeifyContext& ctx, UOpPtr idx);
UOpPtr map_flip(RangeifyContext& ctx, UOpPtr idx);
// x[i + start]; `extra` is added to every nonzero start (0 when correct).
UOpPtr map_shrink(RangeifyContext& ctx, UOpPtr idx, int64_t extra = 0);
// where(valid, x[i - before], 0), valid = before <= i < size - after; `upper_slack` widens the
// upper bound (0 when correct). The validity is simplified in a nested pass "pad index".
UOpPtr map_pad(RangeifyContext& ctx, UOpPtr idx, int64_t upper_slack = 0);

}  // namespace rw::sched
