#include "engine/trace/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace rw {
namespace {

TEST(JsonWriter, EscapesStrings) {
  std::string out;
  append_json_string(out, "a\"b\\c\nd\te\x01\x1f/é");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f/é\"");
}

TEST(JsonWriter, PlacesCommasAndNests) {
  JsonWriter w;
  w.begin_object().key("a").value(1).key("b").begin_array().value("x").value(true).null().end_array();
  w.key("c").begin_object().end_object().key("d").value(2.5).key("e").value(std::nan("")).end_object();
  EXPECT_EQ(w.str(), R"({"a":1,"b":["x",true,null],"c":{},"d":2.5,"e":null})");
}

TEST(JsonWriter, ArrayOfObjects) {
  JsonWriter w;
  w.begin_array().begin_object().key("k").value(int64_t(-7)).end_object().begin_object().end_object().end_array();
  EXPECT_EQ(w.str(), R"([{"k":-7},{}])");
}

}  // namespace
}  // namespace rw
