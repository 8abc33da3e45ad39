// A stand-in for the `rewind` executable in tests of the window's background commands: a
// shell script that records its arguments (one per line in args.txt next to it) and then
// runs the body given (printing progress lines, a result, an exit code).
#pragma once
#include <QFile>
#include <QString>
#include <QStringList>
#include <filesystem>
#include <string>

namespace rw::viewer::testing {

struct FakeRewind {
  FakeRewind(const std::filesystem::path& dir, const std::string& body) : dir(dir) {
    path = QString::fromStdString((dir / "fake-rewind.sh").string());
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(("#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + (dir / "args.txt").string() + "'\n" + body + "\n").c_str());
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
  }
  QStringList arguments() const {
    QFile f(QString::fromStdString((dir / "args.txt").string()));
    if (!f.open(QIODevice::ReadOnly)) return {};
    QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.back().isEmpty()) lines.removeLast();
    return lines;
  }
  // A body line that waits until the test opens the gate (to look at the window meanwhile).
  static std::string wait_for_gate(const std::filesystem::path& dir) { return "while [ ! -e '" + (dir / "go").string() + "' ]; do sleep 0.02; done"; }
  std::string gate() const { return (dir / "go").string(); }
  void open_gate() const { QFile f(QString::fromStdString(gate())); f.open(QIODevice::WriteOnly); }

  std::filesystem::path dir;
  QString path;
};

}  // namespace rw::viewer::testing
