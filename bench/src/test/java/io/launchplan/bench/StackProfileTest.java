package io.launchplan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackProfileTest {
  @Test
  void countsSelfAtTheTopAndInclusiveOncePerSample() {
    StackProfile p = new StackProfile();
    p.add(List.of("a.X.read", "io.launchplan.A.tick", "io.launchplan.A.tick", "io.launchplan.R.reconcile"));
    p.add(List.of("a.X.read", "io.launchplan.B.write", "io.launchplan.R.reconcile"));
    p.add(List.of("a.Y.parse", "io.launchplan.A.tick", "io.launchplan.R.reconcile"));
    p.add(List.of());
    assertThat(p.samples()).isEqualTo(3);
    assertThat(p.self(1)).containsExactly(java.util.Map.entry("a.X.read", 2L));
    assertThat(p.inclusive(10, f -> f.startsWith("io.launchplan."))).containsExactly(
        java.util.Map.entry("io.launchplan.R.reconcile", 3L), java.util.Map.entry("io.launchplan.A.tick", 2L),
        java.util.Map.entry("io.launchplan.B.write", 1L));
    assertThat(p.share(f -> f.startsWith("a.X."))).isEqualTo(2.0 / 3);
    assertThat(new StackProfile().share(f -> true)).isZero();
  }

  @Test
  void readsThreadDumpsOfChosenBusyThreads() {
    String dump = """
        "reconcile-1" #40 daemon prio=5 os_prio=0 cpu=10ms elapsed=5s tid=0x1 nid=0x2 runnable  [0x3]
           java.lang.Thread.State: RUNNABLE
        \tat java.base@17.0.15/sun.nio.ch.SocketDispatcher.read0(Native Method)
        \tat io.launchplan.cluster.StatusWriter.write(StatusWriter.java:80)
        \t- locked <0x4> (a java.lang.Object)

        "reconcile-2" #41 daemon prio=5 os_prio=0 tid=0x5 nid=0x6 waiting on condition  [0x7]
           java.lang.Thread.State: WAITING (parking)
        \tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)
        \tat java.util.concurrent.ThreadPoolExecutor.getTask(java.base@17.0.15/ThreadPoolExecutor.java:1062)

        "main" #1 prio=5 tid=0x8 nid=0x9 waiting on condition
        \tat java.lang.Thread.join(Thread.java:1)
        """;
    StackProfile p = new StackProfile();
    p.addThreadDump(dump, n -> n.startsWith("reconcile-"), s -> s.stream().anyMatch(f -> f.endsWith("ThreadPoolExecutor.getTask")));
    assertThat(p.samples()).isEqualTo(1);
    assertThat(p.self(5)).containsOnlyKeys("sun.nio.ch.SocketDispatcher.read0");
    assertThat(p.inclusive(5, f -> f.startsWith("io."))).containsOnlyKeys("io.launchplan.cluster.StatusWriter.write");
  }
}
