package io.launchplan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** CPU time and resident memory of processes, and the machine's CPU, from Linux' {@code /proc}. */
final class ProcStats {
  /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux this runs on. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcStats() {}

  /** utime + stime of {@code pid} in seconds, or NaN when the process is gone. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name may contain spaces: fields are counted after its closing parenthesis.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // f[0] is field 3 (state); utime is field 14, stime field 15.
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** VmRSS of {@code pid} in MiB (resident now), or NaN when the process is gone. */
  static double rssMb(long pid) {
    return statusMb(pid, "VmRSS:");
  }

  /**
   * VmHWM of {@code pid} in MiB: the most it has ever had resident, setup included (what a
   * container memory limit has to hold), or NaN when the process is gone.
   */
  static double rssPeakMb(long pid) {
    return statusMb(pid, "VmHWM:");
  }

  private static double statusMb(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return Double.NaN;
  }

  /** Threads of {@code pid} (its /proc task entries), or -1 when the process is gone. */
  static int threads(long pid) {
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      return (int) tasks.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The machine's busy CPU seconds (all CPUs, everything but idle and iowait) since boot. */
  static double machineBusySeconds() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return (total - idle) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * The processes of the local environment (read-only: their pid files under {@code .cluster/}),
   * so the report can say where the CPU went: API server, etcd, Prometheus, ...
   */
  static Map<String, Long> environmentPids(Path repoRoot) {
    Map<String, Long> pids = new LinkedHashMap<>();
    Path kwok = repoRoot.resolve(".cluster/kwok/clusters/launchplan/pids");
    for (String name : new String[] {"kube-apiserver", "etcd", "kube-controller-manager", "kube-scheduler", "kwok-controller"}) {
      readPid(kwok.resolve(name + ".pid")).ifPresent(p -> pids.put(name, p));
    }
    Path own = repoRoot.resolve(".cluster/pids");
    for (String name : new String[] {"prometheus", "simulator"}) {
      readPid(own.resolve(name + ".pid")).ifPresent(p -> pids.put(name, p));
    }
    return pids;
  }

  private static java.util.Optional<Long> readPid(Path file) {
    try {
      long pid = Long.parseLong(Files.readString(file).trim());
      return Files.exists(Path.of("/proc", Long.toString(pid))) ? java.util.Optional.of(pid) : java.util.Optional.empty();
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
