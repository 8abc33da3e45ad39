// Reading and writing numpy .npy files (format versions 1, 2 and 3).
// Supported element types: float32, float64, int32, int64, bool, either byte order; C or
// Fortran order on input (Fortran data is reordered to C order); 0-d arrays.
#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "engine/ir/host_array.h"

namespace rw {

// What is wrong with a file, naming it: "x.npy: unsupported dtype '<c8' (complex64); ...".
class NpyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `name` only labels error messages.
HostArray parse_npy(std::string_view bytes, const std::string& name);
HostArray read_npy(const std::filesystem::path& path);

// Always writes little-endian, C order, format version 1.0 (2.0 if the header needs it).
std::string encode_npy(const HostArray& a);
// The array's elements as stored in memory: little-endian, C order, the dtype's width.
std::string raw_bytes(const HostArray& a);
// The inverse of raw_bytes: `bytes` must hold exactly numel(shape) elements of `dtype`.
// Throws NpyError (labelled with `name`) when the size does not match.
HostArray from_raw_bytes(DType dtype, const IntTuple& shape, std::string_view bytes, const std::string& name);
void write_npy(const std::filesystem::path& path, const HostArray& a);

}  // namespace rw
