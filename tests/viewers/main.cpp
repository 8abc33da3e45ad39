// The viewer tests run without a display: the offscreen platform must be chosen before the
// QApplication exists.
#include <gtest/gtest.h>

#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  // Settings (recent files, window geometry) go to a test location, not the user's.
  QStandardPaths::setTestModeEnabled(true);
  QApplication::setOrganizationName(QStringLiteral("RewindTests"));
  // One settings file per test process: ctest runs tests in parallel processes, and two
  // windows updating the same recent-files list at once lose each other's entries.
  QApplication::setApplicationName(QStringLiteral("viewer_tests-%1").arg(QCoreApplication::applicationPid()));
  ::testing::InitGoogleTest(&argc, argv);
  const int result = RUN_ALL_TESTS();
  QFile::remove(QSettings().fileName());  // the process's own settings: nothing else reads them
  return result;
}
