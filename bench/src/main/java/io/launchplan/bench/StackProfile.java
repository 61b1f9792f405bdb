package io.launchplan.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the operator's time goes: stack samples (top frame first) from a JFR recording (CPU:
 * {@code jdk.ExecutionSample}) or from repeated {@code jcmd Thread.print} (wall clock: a thread
 * waiting on a socket or a lock counts too), summed by method.
 */
final class StackProfile {
  private final List<List<String>> stacks = new ArrayList<>();

  void add(List<String> stack) {
    if (!stack.isEmpty()) {
      stacks.add(stack);
    }
  }

  int samples() {
    return stacks.size();
  }

  /** Samples per method at the top of the stack (where the time is spent itself), largest first. */
  Map<String, Long> self(int n) {
    Map<String, Long> counts = new LinkedHashMap<>();
    stacks.forEach(s -> counts.merge(s.get(0), 1L, Long::sum));
    return top(counts, n);
  }

  /**
   * Samples per method anywhere on the stack (the time in it and what it calls), counted once per
   * sample, of methods {@code include} accepts; largest first.
   */
  Map<String, Long> inclusive(int n, Predicate<String> include) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (List<String> s : stacks) {
      Set<String> seen = new HashSet<>();
      for (String frame : s) {
        if (include.test(frame) && seen.add(frame)) {
          counts.merge(frame, 1L, Long::sum);
        }
      }
    }
    return top(counts, n);
  }

  /** Share of the samples with a frame {@code frame} accepts anywhere on the stack (0 with no samples). */
  double share(Predicate<String> frame) {
    return stacks.isEmpty() ? 0 : (double) stacks.stream().filter(s -> s.stream().anyMatch(frame)).count() / stacks.size();
  }

  private static Map<String, Long> top(Map<String, Long> counts, int n) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The {@code jdk.ExecutionSample} stacks of a JFR recording, of threads whose name {@code thread} accepts. */
  static StackProfile fromJfr(Path recording, Predicate<String> thread) throws IOException {
    StackProfile p = new StackProfile();
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      var t = e.getThread("sampledThread");
      if (t == null || t.getJavaName() == null || !thread.test(t.getJavaName())) {
        continue;
      }
      List<String> stack = new ArrayList<>();
      for (RecordedFrame f : e.getStackTrace().getFrames()) {
        if (f.isJavaFrame()) {
          stack.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
        }
      }
      p.add(stack);
    }
    return p;
  }

  /**
   * Adds the stacks of one {@code jcmd Thread.print} of threads whose name {@code thread} accepts
   * and that are not idle ({@code idle} accepts their top frames, e.g. a pool thread waiting for work).
   */
  void addThreadDump(String dump, Predicate<String> thread, Predicate<List<String>> idle) {
    String name = null;
    List<String> stack = new ArrayList<>();
    for (String line : (dump + "\n\n").split("\n")) {
      if (line.startsWith("\"")) {
        name = line.substring(1, Math.max(1, line.indexOf('"', 1)));
        stack = new ArrayList<>();
      } else if (line.trim().startsWith("at ") && name != null) {
        String frame = line.trim().substring(3);
        int paren = frame.indexOf('(');
        String method = paren > 0 ? frame.substring(0, paren) : frame;
        stack.add(method.substring(method.lastIndexOf('/') + 1)); // java.base@17.0.15/java.lang.Thread.run
      } else if (line.isBlank() && name != null) {
        if (thread.test(name) && !stack.isEmpty() && !idle.test(stack)) {
          add(stack);
        }
        name = null;
      }
    }
  }
}
