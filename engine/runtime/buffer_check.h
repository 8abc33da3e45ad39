// Checking a realized buffer against its reference values: floats within
// 1e-5 + 1e-4*|want| (NaN equals NaN, infinities must match exactly), integers and bools
// exact. The record names the kernel that wrote the buffer.
#pragma once
#include <string>

#include "engine/ir/host_array.h"
#include "engine/trace/tracer.h"

namespace rw {

CheckRecord check_buffer(const std::string& kernel, const std::string& buffer, const HostArray& got, const HostArray& want);

}  // namespace rw
