// The answer of `rewind why FILE PASS_ID:STEP --node ID --json` (app/cli/cmd_why.cpp): for one
// node, every rule of the pass that could apply to its op, with its outcome (mismatch,
// pattern-matches, fires), where its pattern failed, and the rule's file:line.
#pragma once
#include <QByteArray>
#include <QString>
#include <optional>
#include <vector>

namespace rw::viewer {

struct WhyRule {
  QString rule, location, outcome, detail;
};

struct WhyNotResult {
  qint64 run = 0, pass_id = 0, step = 0, node_id = 0;
  QString pass, node, next;
  int other_rules = 0;
  std::vector<WhyRule> rules;
};

// The result, or nullopt with *error naming what is missing or malformed.
std::optional<WhyNotResult> parse_why_not(const QByteArray& json, QString* error);

QString why_not_html(const WhyNotResult& r);

}  // namespace rw::viewer
