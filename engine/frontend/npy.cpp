#include "engine/frontend/npy.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <fstream>
#include <sstream>

#include "engine/ir/shape.h"

namespace rw {

namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr std::string_view kSupported = "supported: float32 (<f4), float64 (<f8), int32 (<i4), int64 (<i8), bool (|b1)";

struct Header {
  DType dtype;
  bool big_endian = false;
  bool fortran = false;
  IntTuple shape;
};

// numpy's names for the type codes we reject, so the message says what the file holds.
std::string describe_descr(std::string_view d) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"f2", "float16"}, {"f16", "float128"}, {"c8", "complex64"}, {"c16", "complex128"}, {"i1", "int8"}, {"i2", "int16"},
      {"u1", "uint8"},   {"u2", "uint16"},    {"u4", "uint32"},    {"u8", "uint64"},      {"O", "object"}};
  std::string_view code = d.size() > 1 && (d[0] == '<' || d[0] == '>' || d[0] == '|' || d[0] == '=') ? d.substr(1) : d;
  for (auto [c, n] : kNames)
    if (code == c) return std::string(n);
  if (!code.empty() && (code[0] == 'U' || code[0] == 'S')) return "string";
  if (!code.empty() && code[0] == 'V') return "structured";
  return "unknown";
}

class HeaderParser {
 public:
  HeaderParser(std::string_view text, const std::string& name) : t_(text), name_(name) {}

  Header parse() {
    Header h;
    bool have_descr = false, have_order = false, have_shape = false;
    skip_ws();
    expect('{');
    while (true) {
      skip_ws();
      if (peek() == '}') break;
      std::string key = string_lit();
      skip_ws();
      expect(':');
      skip_ws();
      if (key == "descr") {
        std::string d = string_lit();
        set_dtype(h, d);
        have_descr = true;
      } else if (key == "fortran_order") {
        h.fortran = bool_lit();
        have_order = true;
      } else if (key == "shape") {
        h.shape = tuple_lit();
        have_shape = true;
      } else {
        bad("unexpected key '" + key + "'");
      }
      skip_ws();
      if (peek() == ',') ++i_;
    }
    if (!have_descr || !have_order || !have_shape) bad("it needs the keys 'descr', 'fortran_order' and 'shape'");
    return h;
  }

 private:
  [[noreturn]] void bad(const std::string& why) {
    throw NpyError(name_ + ": bad .npy header: " + why + " (header: " + std::string(t_.substr(0, t_.find_last_not_of(" \n") + 1)) + ")");
  }
  char peek() const { return i_ < t_.size() ? t_[i_] : '\0'; }
  void skip_ws() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\t')) ++i_;
  }
  void expect(char c) {
    if (peek() != c) bad(std::string("expected '") + c + "' at offset " + std::to_string(i_));
    ++i_;
  }
  std::string string_lit() {
    char q = peek();
    if (q != '\'' && q != '"') bad("expected a quoted string at offset " + std::to_string(i_));
    size_t end = t_.find(q, i_ + 1);
    if (end == std::string_view::npos) bad("unterminated string");
    std::string s(t_.substr(i_ + 1, end - i_ - 1));
    i_ = end + 1;
    return s;
  }
  bool bool_lit() {
    if (t_.substr(i_, 4) == "True") return i_ += 4, true;
    if (t_.substr(i_, 5) == "False") return i_ += 5, false;
    bad("fortran_order must be True or False");
  }
  IntTuple tuple_lit() {
    IntTuple out;
    expect('(');
    while (true) {
      skip_ws();
      if (peek() == ')') break;
      size_t start = i_;
      while (i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9') ++i_;
      if (start == i_) bad("shape must be a tuple of non-negative integers");
      out.push_back(std::stoll(std::string(t_.substr(start, i_ - start))));
      skip_ws();
      if (peek() == 'L') ++i_;  // Python 2 long suffix
      skip_ws();
      if (peek() == ',') ++i_;
      else if (peek() != ')') bad("shape must be a tuple of non-negative integers");
    }
    ++i_;
    return out;
  }
  void set_dtype(Header& h, const std::string& d) {
    std::string_view code = d;
    char order = code.empty() ? '\0' : code[0];
    if (order == '<' || order == '>' || order == '|' || order == '=') code.remove_prefix(1);
    else order = '|';
    h.big_endian = order == '>';
    if (code == "f4") h.dtype = DType::float32();
    else if (code == "f8") h.dtype = DType::float64();
    else if (code == "i4") h.dtype = DType::int32();
    else if (code == "i8") h.dtype = DType::int64();
    else if (code == "b1" || code == "?") h.dtype = DType::bool_();
    else throw NpyError(name_ + ": unsupported dtype '" + d + "' (" + describe_descr(d) + "); " + std::string(kSupported));
  }

  std::string_view t_;
  const std::string& name_;
  size_t i_ = 0;
};

template <class T>
double load_one(const char* p, bool swap) {
  unsigned char b[sizeof(T)];
  std::memcpy(b, p, sizeof(T));
  if (swap) std::reverse(b, b + sizeof(T));
  T v;
  std::memcpy(&v, b, sizeof(T));
  return double(v);
}

double load_element(const char* p, const DType& d, bool swap) {
  switch (d.scalar) {
    case Scalar::Float32: return load_one<float>(p, swap);
    case Scalar::Float64: return load_one<double>(p, swap);
    case Scalar::Int32: return load_one<int32_t>(p, swap);
    case Scalar::Int64: return double(load_one<int64_t>(p, swap));
    default: return *p != 0 ? 1.0 : 0.0;
  }
}

// Column-major positions to row-major: element k of the file is at the index whose first
// axis varies fastest.
std::vector<double> fortran_to_c(const std::vector<double>& f, const IntTuple& shape) {
  std::vector<double> c(f.size());
  IntTuple strides = shape_strides(shape);
  IntTuple idx(shape.size(), 0);
  for (size_t k = 0; k < f.size(); ++k) {
    int64_t off = 0;
    for (size_t a = 0; a < shape.size(); ++a) off += idx[a] * strides[a];
    c[size_t(off)] = f[k];
    for (size_t a = 0; a < shape.size(); ++a) {
      if (++idx[a] < shape[a]) break;
      idx[a] = 0;
    }
  }
  return c;
}

std::string descr_of(const DType& d) {
  switch (d.scalar) {
    case Scalar::Float32: return "<f4";
    case Scalar::Float64: return "<f8";
    case Scalar::Int32: return "<i4";
    case Scalar::Int64: return "<i8";
    case Scalar::Bool: return "|b1";
    default: throw NpyError("cannot write dtype " + to_string(d) + " to .npy; " + std::string(kSupported));
  }
}

template <class T>
void store_one(std::string& out, double v) {
  T x = T(v);
  char b[sizeof(T)];
  std::memcpy(b, &x, sizeof(T));
  if constexpr (std::endian::native == std::endian::big) std::reverse(b, b + sizeof(T));
  out.append(b, sizeof(T));
}

}  // namespace

HostArray parse_npy(std::string_view bytes, const std::string& name) {
  if (bytes.size() < 10 || bytes.substr(0, 6) != kMagic)
    throw NpyError(name + ": not a .npy file (it does not start with \\x93NUMPY)");
  unsigned major = static_cast<unsigned char>(bytes[6]);
  size_t header_len, header_start;
  if (major == 1) {
    header_len = static_cast<unsigned char>(bytes[8]) | size_t(static_cast<unsigned char>(bytes[9])) << 8;
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) throw NpyError(name + ": truncated .npy file: the header length is cut off");
    header_len = 0;
    for (int i = 0; i < 4; ++i) header_len |= size_t(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
    header_start = 12;
  } else {
    throw NpyError(name + ": unsupported .npy format version " + std::to_string(major) + " (supported: 1, 2, 3)");
  }
  if (bytes.size() < header_start + header_len)
    throw NpyError(name + ": truncated .npy file: the header needs " + std::to_string(header_len) + " bytes, the file has " +
                   std::to_string(bytes.size() - header_start) + " after the preamble");
  Header h = HeaderParser(bytes.substr(header_start, header_len), name).parse();

  HostArray a;
  a.dtype = h.dtype;
  a.shape = h.shape;
  int64_t n = shape_numel(h.shape);
  size_t item = size_t(h.dtype.itemsize());
  size_t need = size_t(n) * item;
  std::string_view body = bytes.substr(header_start + header_len);
  std::string what = shape_str(h.shape) + " " + to_string(h.dtype);
  if (body.size() < need)
    throw NpyError(name + ": truncated .npy file: shape " + what + " needs " + std::to_string(need) + " data bytes, the file has " +
                   std::to_string(body.size()));
  if (body.size() > need)
    throw NpyError(name + ": .npy size mismatch: shape " + what + " needs " + std::to_string(need) + " data bytes, the file has " +
                   std::to_string(body.size()));
  bool swap = h.big_endian != (std::endian::native == std::endian::big);
  a.data.resize(size_t(n));
  for (int64_t i = 0; i < n; ++i) a.data[size_t(i)] = load_element(body.data() + size_t(i) * item, h.dtype, swap && item > 1);
  if (h.fortran && h.shape.size() > 1) a.data = fortran_to_c(a.data, h.shape);
  return a;
}

HostArray read_npy(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw NpyError(path.string() + ": cannot open the file (does it exist?)");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_npy(ss.str(), path.string());
}

std::string encode_npy(const HostArray& a) {
  std::string header = "{'descr': '" + descr_of(a.dtype) + "', 'fortran_order': False, 'shape': " + shape_str(a.shape) + ", }";
  // Data starts on a 64-byte boundary; the header ends with a newline.
  bool v2 = header.size() + 11 > 65535;
  size_t pre = v2 ? 12 : 10;
  size_t total = (pre + header.size() + 1 + 63) / 64 * 64;
  header.append(total - pre - header.size() - 1, ' ');
  header += '\n';
  std::string out(kMagic);
  out += char(v2 ? 2 : 1);
  out += char(0);
  size_t len = header.size();
  for (size_t i = 0; i < (v2 ? 4u : 2u); ++i) out += char((len >> (8 * i)) & 0xff);
  out += header;
  out += raw_bytes(a);
  return out;
}

std::string raw_bytes(const HostArray& a) {
  std::string out;
  out.reserve(a.data.size() * size_t(std::max(1, a.dtype.itemsize())));
  for (double v : a.data) {
    switch (a.dtype.scalar) {
      case Scalar::Float32: store_one<float>(out, v); break;
      case Scalar::Float64: store_one<double>(out, v); break;
      case Scalar::Int32: store_one<int32_t>(out, v); break;
      case Scalar::Int64: store_one<int64_t>(out, v); break;
      default: out += char(v != 0 ? 1 : 0); break;
    }
  }
  return out;
}

HostArray from_raw_bytes(DType dtype, const IntTuple& shape, std::string_view bytes, const std::string& name) {
  HostArray a;
  a.dtype = dtype;
  a.shape = shape;
  size_t n = 1;
  for (int64_t d : shape) n *= size_t(std::max<int64_t>(d, 0));
  const size_t width = size_t(std::max(1, dtype.itemsize()));
  if (bytes.size() != n * width)
    throw NpyError(name + ": " + std::to_string(bytes.size()) + " bytes do not hold " + std::to_string(n) + " elements of " + to_string(dtype));
  a.data.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const char* p = bytes.data() + i * width;
    switch (dtype.scalar) {
      case Scalar::Float32: { float v; std::memcpy(&v, p, 4); a.data[i] = v; break; }
      case Scalar::Float64: { double v; std::memcpy(&v, p, 8); a.data[i] = v; break; }
      case Scalar::Int32: { int32_t v; std::memcpy(&v, p, 4); a.data[i] = double(v); break; }
      case Scalar::Int64: { int64_t v; std::memcpy(&v, p, 8); a.data[i] = double(v); break; }
      default: a.data[i] = *p != 0 ? 1.0 : 0.0; break;
    }
  }
  return a;
}

void write_npy(const std::filesystem::path& path, const HostArray& a) {
  std::string bytes = encode_npy(a);
  std::ofstream out(path, std::ios::binary);
  if (!out) throw NpyError(path.string() + ": cannot open the file for writing (does the folder exist?)");
  out.write(bytes.data(), std::streamsize(bytes.size()));
  if (!out) throw NpyError(path.string() + ": writing failed (disk full?)");
}

}  // namespace rw
