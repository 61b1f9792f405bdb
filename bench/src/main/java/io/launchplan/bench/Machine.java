package io.launchplan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the numbers were measured on. */
final class Machine {
  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("cpu_model", firstValue(Path.of("/proc/cpuinfo"), "model name"));
    String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
    m.put("mem_total_mb", mem == null ? null : Long.parseLong(mem.replaceAll("[^0-9]", "")) / 1024);
    m.put("kernel", read(Path.of("/proc/sys/kernel/osrelease")));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("load_avg_start", loadAverage());
    m.put("note", "the local cluster, Prometheus and the simulator run on the same cores; other test runs may share the machine");
    return m;
  }

  static List<Double> loadAverage() {
    String s = read(Path.of("/proc/loadavg"));
    if (s == null) {
      return List.of();
    }
    String[] f = s.split("\\s+");
    return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p).trim();
    } catch (IOException e) {
      return null;
    }
  }

  private static String firstValue(Path p, String key) {
    try {
      for (String line : Files.readAllLines(p)) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return null;
  }
}
