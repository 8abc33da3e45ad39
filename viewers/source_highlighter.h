// Syntax highlighting for the kernel sources: C, LLVM IR and linear UOps. Regex rules per
// language, applied line by line (none of the three needs multi-line state but C block
// comments, which are handled with the block state).
#pragma once
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <vector>

namespace rw::viewer {

enum class SourceLanguage { C, LlvmIr, LinearUops };

class SourceHighlighter : public QSyntaxHighlighter {
  Q_OBJECT
 public:
  SourceHighlighter(QTextDocument* document, SourceLanguage language, bool dark);
  SourceLanguage language() const { return language_; }

 protected:
  void highlightBlock(const QString& text) override;

 private:
  struct Rule {
    QRegularExpression pattern;
    QTextCharFormat format;
  };
  void add(const QString& pattern, const QTextCharFormat& format);
  SourceLanguage language_;
  std::vector<Rule> rules_;
  QTextCharFormat comment_;
};

}  // namespace rw::viewer
