#include "viewers/source_highlighter.h"

namespace rw::viewer {
namespace {
QTextCharFormat make_format(QColor color, bool bold = false, bool italic = false) {
  QTextCharFormat f;
  f.setForeground(color);
  if (bold) f.setFontWeight(QFont::Bold);
  f.setFontItalic(italic);
  return f;
}
}  // namespace

SourceHighlighter::SourceHighlighter(QTextDocument* document, SourceLanguage language, bool dark)
    : QSyntaxHighlighter(document), language_(language) {
  const QColor keyword = dark ? QColor(0xc6, 0x92, 0xf0) : QColor(0x80, 0x20, 0xa0);
  const QColor type = dark ? QColor(0x56, 0xb6, 0xc2) : QColor(0x1a, 0x6e, 0x8e);
  const QColor number = dark ? QColor(0xd1, 0x9a, 0x66) : QColor(0xa0, 0x50, 0x00);
  const QColor name = dark ? QColor(0x61, 0xaf, 0xef) : QColor(0x20, 0x50, 0xb0);
  const QColor string = dark ? QColor(0x98, 0xc3, 0x79) : QColor(0x2a, 0x80, 0x2a);
  comment_ = make_format(dark ? QColor(0x7f, 0x84, 0x8e) : QColor(0x70, 0x70, 0x70), false, true);
  switch (language) {
    case SourceLanguage::C:
      add(R"(\b(for|if|else|while|return|void|const|restrict|static|inline|unsigned|signed|struct|break|continue)\b)", make_format(keyword, true));
      add(R"(\b(float|double|int|char|bool|long|short|half|size_t|u?int(8|16|32|64)_t)\b)", make_format(type));
      add(R"(\b\d+(\.\d*)?([eE][-+]?\d+)?[fFuUlL]*\b)", make_format(number));
      add(R"("([^"\\]|\\.)*")", make_format(string));
      add(R"(//[^\n]*)", comment_);
      break;
    case SourceLanguage::LlvmIr:
      add(R"(\b(define|declare|ret|br|label|load|store|getelementptr|inbounds|phi|call|icmp|fcmp|add|sub|mul|fadd|fsub|fmul|fdiv|sdiv|srem|select|alloca|nsw|nuw|align|entry|to|sext|zext|trunc|sitofp|fptosi)\b)", make_format(keyword, true));
      add(R"(\b(void|ptr|float|double|half|i1|i8|i16|i32|i64)\b)", make_format(type));
      add(R"([%@][-a-zA-Z$._0-9]+)", make_format(name));
      add(R"(\b-?\d+(\.\d*)?([eE][-+]?\d+)?\b)", make_format(number));
      add(R"(;[^\n]*)", comment_);
      break;
    case SourceLanguage::LinearUops:
      add(R"(\b[A-Z][A-Z0-9_]{2,}\b)", make_format(keyword, true));
      add(R"(\b(bool|index|u?int(8|16|32|64)|float(16|32|64)|ptr)\b)", make_format(type));
      add(R"(\br\d+\b)", make_format(name));
      add(R"(\b-?\d+(\.\d*)?\b)", make_format(number));
      add(R"(#[^\n]*)", comment_);
      break;
  }
}

void SourceHighlighter::add(const QString& pattern, const QTextCharFormat& f) { rules_.push_back({QRegularExpression(pattern), f}); }

void SourceHighlighter::highlightBlock(const QString& text) {
  for (const Rule& r : rules_)
    for (auto it = r.pattern.globalMatch(text); it.hasNext();) {
      auto m = it.next();
      setFormat(int(m.capturedStart()), int(m.capturedLength()), r.format);
    }
  if (language_ != SourceLanguage::C) return;
  // C block comments may span lines: block state 1 = still inside one at the end of the line.
  const bool continued = previousBlockState() == 1;
  setCurrentBlockState(0);
  int start = continued ? 0 : int(text.indexOf(QStringLiteral("/*")));
  while (start >= 0) {
    const int search_from = continued && start == 0 ? 0 : start + 2;
    const int end = int(text.indexOf(QStringLiteral("*/"), search_from));
    if (end < 0) {
      setCurrentBlockState(1);
      setFormat(start, int(text.size()) - start, comment_);
      return;
    }
    setFormat(start, end + 2 - start, comment_);
    start = int(text.indexOf(QStringLiteral("/*"), end + 2));
  }
}

}  // namespace rw::viewer
