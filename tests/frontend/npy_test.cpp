// .npy reading and writing, and the errors for files we cannot read.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include "engine/frontend/npy.h"
#include "engine/frontend/program.h"

namespace rw {
namespace {

// A .npy file with this header dict and these raw data bytes (version 1.0, padded to 64).
std::string npy_bytes(const std::string& dict, const std::string& data) {
  std::string header = dict;
  size_t total = (10 + header.size() + 1 + 63) / 64 * 64;
  header.append(total - 10 - header.size() - 1, ' ');
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += char(header.size() & 0xff);
  out += char(header.size() >> 8);
  return out + header + data;
}

template <class T>
std::string raw(std::initializer_list<T> values) {
  std::string out;
  for (T v : values) out.append(reinterpret_cast<const char*>(&v), sizeof v);
  return out;
}

void expect_npy_error(const std::string& bytes, const std::string& message) {
  try {
    parse_npy(bytes, "x.npy");
    ADD_FAILURE() << "no error";
  } catch (const NpyError& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST(Npy, ReadsFloat32InCOrder) {
  HostArray a = parse_npy(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", raw<float>({1, 2, 3, 4, 5, 6.5f})), "x.npy");
  EXPECT_EQ(a.dtype, DType::float32());
  EXPECT_EQ(a.shape, (Shape{2, 3}));
  EXPECT_EQ(a.data, (std::vector<double>{1, 2, 3, 4, 5, 6.5}));
}

TEST(Npy, ConvertsFortranOrderToC) {
  // Column-major (2, 3): the file lists column by column.
  HostArray a = parse_npy(npy_bytes("{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }", raw<int32_t>({1, 4, 2, 5, 3, 6})), "x.npy");
  EXPECT_EQ(a.data, (std::vector<double>{1, 2, 3, 4, 5, 6}));
  HostArray b = parse_npy(npy_bytes("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2, 2), }", raw<double>({0, 4, 2, 6, 1, 5, 3, 7})), "x.npy");
  EXPECT_EQ(b.data, (std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(Npy, ReadsEveryDtypeAndZeroDimensionalArrays) {
  EXPECT_EQ(parse_npy(npy_bytes("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", raw<int64_t>({-3, 1LL << 40})), "x").data,
            (std::vector<double>{-3, double(1LL << 40)}));
  HostArray b = parse_npy(npy_bytes("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", std::string("\x01\x00\x01", 3)), "x");
  EXPECT_EQ(b.dtype, DType::bool_());
  EXPECT_EQ(b.data, (std::vector<double>{1, 0, 1}));
  HostArray s = parse_npy(npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", raw<double>({2.5})), "x");
  EXPECT_EQ(s.shape, Shape{});
  EXPECT_EQ(s.data, (std::vector<double>{2.5}));
  HostArray big = parse_npy(npy_bytes("{'descr': '>i4', 'fortran_order': False, 'shape': (1,), }", std::string("\x00\x00\x01\x02", 4)), "x");
  EXPECT_EQ(big.data, (std::vector<double>{258}));
}

TEST(Npy, WriteThenReadRoundTrips) {
  for (DType d : {DType::float32(), DType::float64(), DType::int32(), DType::int64(), DType::bool_()}) {
    HostArray a{d, {2, 2}, {1, 0, 1, 1}};
    HostArray b = parse_npy(encode_npy(a), "x");
    EXPECT_EQ(b.dtype, d);
    EXPECT_EQ(b.shape, a.shape);
    EXPECT_EQ(b.data, a.data);
  }
  std::string bytes = encode_npy(HostArray{DType::float32(), {}, {1.5}});
  EXPECT_EQ(bytes.size() % 64, 4u) << "data must start on a 64-byte boundary";
  auto path = std::filesystem::temp_directory_path() / "rewind_npy_roundtrip.npy";
  write_npy(path, HostArray{DType::int32(), {3}, {7, -8, 9}});
  EXPECT_EQ(read_npy(path).data, (std::vector<double>{7, -8, 9}));
  std::filesystem::remove(path);
}

TEST(NpyErrors, BadMagic) { expect_npy_error("PK\x03\x04 not numpy at all", "x.npy: not a .npy file (it does not start with \\x93NUMPY)"); }

TEST(NpyErrors, TooShortForAPreamble) { expect_npy_error("\x93NUM", "x.npy: not a .npy file (it does not start with \\x93NUMPY)"); }

TEST(NpyErrors, TruncatedHeader) {
  std::string full = npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", raw<float>({1, 2}));
  expect_npy_error(full.substr(0, 40), "x.npy: truncated .npy file: the header needs 118 bytes, the file has 30 after the preamble");
}

TEST(NpyErrors, TruncatedData) {
  expect_npy_error(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", raw<float>({1, 2, 3})),
                   "x.npy: truncated .npy file: shape (2, 3) float32 needs 24 data bytes, the file has 12");
}

TEST(NpyErrors, DataLongerThanTheShape) {
  expect_npy_error(npy_bytes("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", raw<int32_t>({1, 2, 3})),
                   "x.npy: .npy size mismatch: shape (2,) int32 needs 8 data bytes, the file has 12");
}

TEST(NpyErrors, UnsupportedDtypeIsNamed) {
  expect_npy_error(npy_bytes("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", raw<float>({1, 2})),
                   "x.npy: unsupported dtype '<c8' (complex64); supported: float32 (<f4), float64 (<f8), int32 (<i4), int64 (<i8), bool (|b1)");
  expect_npy_error(npy_bytes("{'descr': '<u2', 'fortran_order': False, 'shape': (1,), }", raw<uint16_t>({1})),
                   "x.npy: unsupported dtype '<u2' (uint16); supported: float32 (<f4), float64 (<f8), int32 (<i4), int64 (<i8), bool (|b1)");
}

TEST(NpyErrors, HeaderWithoutShape) {
  expect_npy_error(npy_bytes("{'descr': '<f4', 'fortran_order': False, }", ""),
                   "x.npy: bad .npy header: it needs the keys 'descr', 'fortran_order' and 'shape' (header: {'descr': '<f4', 'fortran_order': False, })");
}

TEST(NpyErrors, HeaderThatIsNotADict) {
  expect_npy_error(npy_bytes("descr=f4", ""), "x.npy: bad .npy header: expected '{' at offset 0 (header: descr=f4)");
}

TEST(NpyErrors, BadShape) {
  expect_npy_error(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }", ""),
                   "x.npy: bad .npy header: shape must be a tuple of non-negative integers (header: {'descr': '<f4', 'fortran_order': False, 'shape': (2, x), })");
}

TEST(NpyErrors, UnknownFormatVersion) {
  std::string bytes = npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", raw<float>({1}));
  bytes[6] = 9;
  expect_npy_error(bytes, "x.npy: unsupported .npy format version 9 (supported: 1, 2, 3)");
}

TEST(NpyErrors, MissingFile) {
  try {
    read_npy("/nonexistent/rewind/x.npy");
    ADD_FAILURE() << "no error";
  } catch (const NpyError& e) {
    EXPECT_EQ(std::string(e.what()), "/nonexistent/rewind/x.npy: cannot open the file (does it exist?)");
  }
}

TEST(NpyErrors, WritingAnUnsupportedDtype) {
  try {
    encode_npy(HostArray{DType(Scalar::UInt8), {1}, {1}});
    ADD_FAILURE() << "no error";
  } catch (const NpyError& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot write dtype uint8 to .npy; supported: float32 (<f4), float64 (<f8), int32 (<i4), int64 (<i8), bool (|b1)");
  }
}

// A bad file loaded by a program: the .npy message at the load's path argument.
TEST(NpyErrors, LoadingAnUnsupportedFileInAProgram) {
  auto dir = std::filesystem::temp_directory_path() / "rewind_npy_load_error";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "c.npy", std::ios::binary) << npy_bytes("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", std::string(16, '\0'));
  Arena arena;
  try {
    build_program(arena, "x = load(\"c.npy\")\n", "p.tg", dir);
    ADD_FAILURE() << "no error";
  } catch (const ProgramError& e) {
    std::string what = e.what();
    what.replace(what.find(dir.string()), dir.string().size(), "<dir>");
    EXPECT_EQ(what,
              "p.tg:1:10: error: <dir>/c.npy: unsupported dtype '<c16' (complex128); supported: float32 (<f4), float64 (<f8), int32 (<i4), "
              "int64 (<i8), bool (|b1)\n  x = load(\"c.npy\")\n           ^");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rw
