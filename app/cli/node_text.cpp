#include "app/cli/node_text.h"

namespace rw::cli {

std::string shape_text(const std::optional<std::vector<int64_t>>& shape) {
  if (!shape) return "";
  std::string out = "[";
  for (size_t i = 0; i < shape->size(); ++i) out += (i ? "," : "") + std::to_string((*shape)[i]);
  return out + "]";
}

std::string node_line(const NodeRow& n) {
  std::string out = "%" + std::to_string(n.id) + " " + n.op + " " + n.dtype;
  if (n.shape) out += " " + shape_text(n.shape);
  if (!n.arg.empty()) out += " " + n.arg;
  if (!n.provenance.empty()) {
    size_t slash = n.provenance.rfind('/');
    out += " (" + (slash == std::string::npos ? n.provenance : n.provenance.substr(slash + 1)) + ")";
  }
  return out;
}

void write_node_json(JsonWriter& j, const NodeRow& n) {
  j.begin_object();
  j.key("id").value(n.id);
  j.key("op").value(n.op);
  j.key("dtype").value(n.dtype);
  j.key("arg").value(n.arg);
  j.key("srcs").begin_array();
  for (int64_t s : n.srcs) j.value(s);
  j.end_array();
  j.key("hash").value(std::to_string(n.hash));  // as text: 64-bit hashes do not fit a JSON number exactly
  j.key("shape");
  if (n.shape) {
    j.begin_array();
    for (int64_t d : *n.shape) j.value(d);
    j.end_array();
  } else {
    j.null();
  }
  j.key("provenance").value(n.provenance);
  j.end_object();
}

}  // namespace rw::cli
