package dev.llmmux.bench.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes a Flight Recorder file of the server as Markdown: where the CPU samples fall (by
 * method, by package, by thread) and which call sites allocate the most. Run by the JVM that
 * recorded it: {@code java -cp llm-mux-bench.jar dev.llmmux.bench.e2e.JfrSummary FILE [TOP]}.
 */
public final class JfrSummary {
  private final Map<String, Long> self = new HashMap<>();
  private final Map<String, Long> total = new HashMap<>();
  private final Map<String, Long> packages = new HashMap<>();
  private final Map<String, Long> threads = new HashMap<>();
  private final Map<String, Long> allocationSites = new HashMap<>();
  private final Map<String, Long> allocationTypes = new HashMap<>();
  private long samples;
  private long allocated;

  private JfrSummary() {}

  public static void main(String[] args) throws IOException {
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    System.out.println(summarize(Path.of(args[0]), top));
  }

  static String summarize(Path file, int top) throws IOException {
    JfrSummary summary = new JfrSummary();
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) summary.add(recording.readEvent());
    }
    return summary.markdown(top);
  }

  private void add(RecordedEvent event) {
    String type = event.getEventType().getName();
    RecordedStackTrace stack = event.getStackTrace();
    if (stack == null || stack.getFrames().isEmpty()) return;
    List<RecordedFrame> frames = stack.getFrames();
    if (type.equals("jdk.ExecutionSample")) {
      samples++;
      increment(self, name(frames.get(0)), 1);
      increment(packages, packageOf(frames.get(0)), 1);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : frames) {
        String name = name(frame);
        if (seen.add(name)) increment(total, name, 1);
      }
      RecordedThread thread = event.getThread("sampledThread");
      increment(threads, thread == null ? "?" : threadGroup(thread.getJavaName()), 1);
    } else if (type.equals("jdk.ObjectAllocationSample")) {
      long weight = event.getLong("weight");
      allocated += weight;
      increment(allocationTypes, event.getClass("objectClass").getName(), weight);
      increment(allocationSites, firstOwnFrame(frames), weight);
    }
  }

  /** The first frame outside the JDK, which is where an allocation is worth fixing. */
  private static String firstOwnFrame(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String owner = frame.getMethod().getType().getName();
      if (!owner.startsWith("java.") && !owner.startsWith("jdk.") && !owner.startsWith("sun.")) {
        return name(frame);
      }
    }
    return name(frames.get(0));
  }

  private static String name(RecordedFrame frame) {
    RecordedMethod method = frame.getMethod();
    String owner = method.getType().getName();
    return owner.substring(owner.lastIndexOf('.') + 1) + "." + method.getName() + " (" + shortPackage(owner) + ")";
  }

  private static String packageOf(RecordedFrame frame) {
    return shortPackage(frame.getMethod().getType().getName());
  }

  /** The package cut to three segments (dev.llmmux.formats, org.eclipse.jetty, okhttp3.internal). */
  private static String shortPackage(String className) {
    int end = className.lastIndexOf('.');
    if (end < 0) return "";
    String[] parts = className.substring(0, end).split("\\.");
    return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length)));
  }

  /** Thread names without their numbers, so pools group together. */
  private static String threadGroup(String name) {
    return name == null ? "?" : name.replaceAll("[-#]?\\d+", "").trim();
  }

  private static void increment(Map<String, Long> map, String key, long by) {
    map.merge(key, by, Long::sum);
  }

  private String markdown(int top) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "%,d CPU samples; about %,.0f MB allocated (sampled estimate).%n%n",
        samples, allocated / 1048576.0));
    table(md, "CPU by package (top frame)", packages, samples, top, "samples");
    table(md, "CPU by method, self", self, samples, top, "samples");
    table(md, "CPU by method, including callees", total, samples, top, "samples");
    table(md, "CPU by thread", threads, samples, top, "samples");
    table(md, "Allocation by first non-JDK frame", allocationSites, allocated, top, "bytes");
    table(md, "Allocation by type", allocationTypes, allocated, top, "bytes");
    return md.toString();
  }

  private static void table(StringBuilder md, String title, Map<String, Long> map, long sum, int top, String unit) {
    md.append("#### ").append(title).append("\n\n| | Share | ").append(unit).append(" |\n|---|--:|--:|\n");
    List<Map.Entry<String, Long>> entries = new ArrayList<>(map.entrySet());
    entries.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
    for (Map.Entry<String, Long> e : entries.subList(0, Math.min(top, entries.size()))) {
      md.append(String.format(Locale.ROOT, "| %s | %.1f%% | %,d |%n", e.getKey().replace("|", "/"),
          sum == 0 ? 0 : 100.0 * e.getValue() / sum, e.getValue()));
    }
    md.append('\n');
  }
}
