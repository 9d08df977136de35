package dev.llmmux.bench.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Turns a JDK home or a java command into the command to run. */
public final class JavaCommand {
  private JavaCommand() {}

  /** A JDK home becomes its bin/java; anything else is taken as the command itself. */
  public static String resolve(String value) {
    Path java = Path.of(value, "bin", "java");
    return Files.isDirectory(Path.of(value)) && Files.isExecutable(java) ? java.toString() : value;
  }
}
