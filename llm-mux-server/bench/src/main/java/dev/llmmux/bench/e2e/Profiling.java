package dev.llmmux.bench.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Records the server with Flight Recorder and summarizes the recording with its own JVM. */
final class Profiling {
  private Profiling() {}

  static List<String> jvmOptions(Path recording) {
    return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints",
        "-XX:StartFlightRecording=filename=" + recording.toAbsolutePath() + ",settings=profile,dumponexit=true");
  }

  /** The summary as Markdown, or a line saying why there is none. Keeps the recording beside the report. */
  static String summarize(Options options, Path recording, PrintStream log) {
    if (!Files.isRegularFile(recording)) return "No recording was written.\n";
    try {
      Path kept = options.out.toAbsolutePath().resolveSibling("bench-server.jfr");
      Files.copy(recording, kept, StandardCopyOption.REPLACE_EXISTING);
      log.println("server recording kept at " + kept);
      Path self = Path.of(Profiling.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Process p = new ProcessBuilder(options.java, "-cp", self.toString(), JfrSummary.class.getName(),
          kept.toString(), "25").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return "The recording could not be summarized in time.\n";
      }
      return out;
    } catch (IOException | InterruptedException | java.net.URISyntaxException e) {
      return "The recording could not be summarized: " + e + "\n";
    }
  }
}
