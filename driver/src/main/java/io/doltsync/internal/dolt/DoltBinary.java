package io.doltsync.internal.dolt;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

/** Finds the {@code dolt} executable: an explicit path, else PATH, else Go's install directory. */
final class DoltBinary {

  /** The Dolt build the project's scripts install; quoted in the error that says how to install it. */
  static final String INSTALL_HINT =
      "install Dolt with `go install github.com/dolthub/dolt/go/cmd/dolt@v0.40.5-0.20260424001550-011a27ff4303`"
          + " (needs cgo, g++ and libicu-dev; or run scripts/dolt.sh install), or set doltsync.doltBinary to its path";

  private DoltBinary() {}

  static Path locate(String setting) throws SQLException {
    String name = setting == null || setting.isBlank() ? "dolt" : setting.trim();
    List<Path> candidates = new ArrayList<>();
    if (name.contains(File.separator)) {
      candidates.add(Paths.get(name));
    } else {
      String path = System.getenv("PATH");
      if (path != null) {
        for (String dir : path.split(File.pathSeparator)) {
          if (!dir.isBlank()) {
            candidates.add(Paths.get(dir, name));
          }
        }
      }
      String gopath = System.getenv("GOPATH");
      if (gopath != null && !gopath.isBlank()) {
        candidates.add(Paths.get(gopath, "bin", name));
      }
      candidates.add(Paths.get(System.getProperty("user.home"), "go", "bin", name));
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new SQLNonTransientConnectionException("the dolt executable '" + name
        + "' was not found (searched " + (name.contains(File.separator) ? name : "PATH, $GOPATH/bin and ~/go/bin")
        + "); " + INSTALL_HINT, "08001");
  }
}
