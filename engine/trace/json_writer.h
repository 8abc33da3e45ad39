// A small streaming JSON writer: objects, arrays, strings (escaped per RFC 8259), numbers.
// Commas are placed automatically; the caller only opens, writes and closes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rw {

void append_json_string(std::string& out, std::string_view s);  // with quotes

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);  // inside an object, before each value
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(int64_t v);
  JsonWriter& value(int v) { return value(int64_t(v)); }
  JsonWriter& value(double v);  // non-finite values become null (JSON has no NaN)
  JsonWriter& value(bool v);
  JsonWriter& null();
  const std::string& str() const { return out_; }

 private:
  void before_value();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace rw
