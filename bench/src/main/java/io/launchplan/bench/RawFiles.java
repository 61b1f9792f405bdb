package io.launchplan.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The raw per-run numbers under {@code bench/results/raw-<timestamp>/} (git-ignored). */
final class RawFiles {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private RawFiles() {}

  static void latency(Path csv, List<RevertRun.Times> runs) throws IOException {
    StringBuilder b = new StringBuilder("run,namespace,plan,pod,t0,t1,t2,t3,source_to_signal_s,signal_to_deleted_s,"
        + "operator_share_s,wait_for_tick_s,end_to_end_s,note\n");
    for (int i = 0; i < runs.size(); i++) {
      var t = runs.get(i);
      if (t == null) {
        b.append(i).append(",,,,,,,,,,,,,missing\n");
        continue;
      }
      b.append(String.join(",", Integer.toString(i), t.namespace(), t.plan(), t.pod(), s(t.t0()), s(t.t1()), s(t.t2()),
          s(t.t3()), s(t.sourceToSignal()), s(t.signalToDeleted()), s(t.operatorShare()), s(t.waitForTick()),
          s(t.endToEnd()), t.note() == null ? "" : '"' + t.note() + '"')).append('\n');
    }
    Files.writeString(csv, b);
  }

  static void capacity(Path json, CapacityBench.Result r) throws IOException {
    JSON.writeValue(json.toFile(), r);
  }

  /** The raw file of one capacity run: {@code capacity-<plans>.json} for the first round, {@code -<round>} after. */
  static String capacityName(int plans, int round) {
    return "capacity-" + plans + (round == 1 ? "" : "-" + round) + ".json";
  }

  /** The raw files of every run at {@code plans} in {@code dir}, in round order. */
  static List<Path> capacityFiles(Path dir, int plans) {
    List<Path> files = new java.util.ArrayList<>();
    for (int round = 1; Files.exists(dir.resolve(capacityName(plans, round))); round++) {
      files.add(dir.resolve(capacityName(plans, round)));
    }
    return files;
  }

  static CapacityBench.Result readCapacity(Path json) throws IOException {
    return JSON.readValue(json.toFile(), CapacityBench.Result.class);
  }

  private static String s(Object o) {
    return o == null ? "" : o.toString();
  }
}
