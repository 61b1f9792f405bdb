package io.launchplan.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.CheckPoint;
import io.launchplan.api.JobCheck;
import io.launchplan.api.LaunchPlan;
import io.launchplan.launch.CheckFindings.JobFinding;
import io.launchplan.launch.CheckFindings.JobState;
import io.launchplan.launch.Revisions;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Jobs of a plan's Job checks: one per plan, check and revision, under a name derived from
 * the three ({@link #jobName}), so a restarted operator finds the Job it created instead of
 * starting a second one. Each is owned by the plan (deleted with it), labelled with plan, check
 * and revision, and gets {@code LAUNCHPLAN_*} env vars in every container. The Jobs of older
 * revisions go when a new launch starts ({@link #deleteOtherRevisions}).
 */
final class JobChecks {
  static final String CHECK = "launchplan.io/check";
  /** The prefix of the variables a check's containers get (not operator settings, which share it). */
  static final String ENV_PREFIX = "LAUNCHPLAN_";

  /** Where the Jobs are read: the watch's cache ({@link CheckJobWatch#job}). */
  @FunctionalInterface
  interface Lookup {
    Job job(String namespace, String name);
  }

  private final KubernetesClient client;
  private final Lookup lookup;

  /** For creating and deleting Jobs only ({@link #find} needs a {@link Lookup}). */
  JobChecks(KubernetesClient client) {
    this(client, null);
  }

  JobChecks(KubernetesClient client, Lookup lookup) {
    this.client = client;
    this.lookup = lookup;
  }

  /**
   * The Job's name: {@code <plan>-<check>-<hash>}, the plan's name cut to 22 characters and a hash
   * of plan, check and revision, so it fits the 63 characters a Job's name may have.
   */
  static String jobName(String plan, String check, String revision) {
    String hash = Revisions.templateHash(List.of(plan, check, revision)).substring(0, 8);
    String prefix = plan.length() > 22 ? plan.substring(0, 22) : plan;
    return (prefix.endsWith("-") ? prefix : prefix + "-") + check + "-" + hash;
  }

  /** The Job for {@code check} of the launch of {@code revision}, as it will be created. */
  static Job build(LaunchPlan plan, JobCheck check, String revision, String stableRevision) {
    JsonNode template = check.getTemplate();
    ObjectMeta meta = template.has("metadata")
        ? Serialization.jsonMapper().convertValue(template.get("metadata"), ObjectMeta.class) : new ObjectMeta();
    JsonNode specNode = template.path("spec").deepCopy();
    if (specNode instanceof ObjectNode o) {
      o.remove("ttlSecondsAfterFinished"); // the operator removes its Jobs; a TTL would make it run the check again
    }
    JobSpec spec = Serialization.jsonMapper().convertValue(specNode, JobSpec.class);
    String name = jobName(plan.getMetadata().getName(), check.getName(), revision);
    meta.setName(name);
    meta.setNamespace(plan.getMetadata().getNamespace());
    meta.setGenerateName(null);
    meta.setLabels(merged(meta.getLabels(), labels(plan, check, revision)));
    meta.setOwnerReferences(List.of(Owners.of(plan)));
    if (spec.getBackoffLimit() == null) {
      spec.setBackoffLimit(0); // one run decides; a retry would hide a flaky check
    }
    if (spec.getTemplate() != null) {
      ObjectMeta podMeta = spec.getTemplate().getMetadata() != null ? spec.getTemplate().getMetadata() : new ObjectMeta();
      podMeta.setLabels(merged(podMeta.getLabels(), labels(plan, check, revision)));
      spec.getTemplate().setMetadata(podMeta);
      PodSpec pod = spec.getTemplate().getSpec();
      if (pod != null) {
        if (pod.getRestartPolicy() == null) {
          pod.setRestartPolicy("Never");
        }
        List<EnvVar> env = env(plan, check, revision, stableRevision);
        if (pod.getContainers() != null) {
          pod.getContainers().forEach(c -> c.setEnv(withEnv(c.getEnv(), env)));
        }
      }
    }
    Job job = new Job();
    job.setApiVersion("batch/v1");
    job.setKind("Job");
    job.setMetadata(meta);
    job.setSpec(spec);
    return job;
  }

  /** What the API server says about the Job of every Job check, by a dry run; null when it takes them all. */
  String problem(LaunchPlan plan, String revision) {
    List<String> problems = new ArrayList<>();
    for (JobCheck check : plan.getSpec().analysisOrDefault().jobsOrEmpty()) {
      try {
        Job job = build(plan, check, revision, null);
        client.batch().v1().jobs().inNamespace(plan.getMetadata().getNamespace()).resource(job).dryRun().create();
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
          continue; // the Job exists already (this revision's check ran): it was valid
        }
        if (e.getCode() >= 500 || e.getCode() == 0 || e.getCode() == 429) {
          throw e; // not the spec's fault: retry
        }
        String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        problems.add("the API server rejects the Job of spec.analysis.jobs " + check.getName() + ": " + why);
      } catch (IllegalArgumentException e) {
        problems.add("spec.analysis.jobs " + check.getName() + ".template is not a Job: " + e.getMessage());
      }
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  /** Creates the Jobs of {@code checks} that do not exist yet; one that exists is left as it is. */
  void start(LaunchPlan plan, List<JobCheck> checks, String revision, String stableRevision) {
    for (JobCheck check : checks) {
      try {
        client.batch().v1().jobs().inNamespace(plan.getMetadata().getNamespace())
            .resource(build(plan, check, revision, stableRevision)).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
      }
    }
  }

  /** Where the Job of each of the plan's Job checks at {@code point} stands, by check name, as the watch saw it. */
  Map<String, JobFinding> find(LaunchPlan plan, CheckPoint point, String revision) {
    Map<String, JobFinding> found = new LinkedHashMap<>();
    String ns = plan.getMetadata().getNamespace();
    for (JobCheck check : plan.getSpec().analysisOrDefault().jobsOrEmpty()) {
      if (check.getAt() != point) {
        continue;
      }
      String name = jobName(plan.getMetadata().getName(), check.getName(), revision);
      Job job = Objects.requireNonNull(lookup, "lookup").job(ns, name);
      String logs = "kubectl logs -n " + ns + " job/" + name;
      found.put(check.getName(), job == null || job.getMetadata().getDeletionTimestamp() != null
          ? new JobFinding(name, JobState.Absent, null, null, logs)
          : new JobFinding(name, state(job), created(job), failure(job), logs));
    }
    return found;
  }

  /** Deletes the plan's check Jobs (and their pods) of any revision but {@code revision}. */
  void deleteOtherRevisions(LaunchPlan plan, String revision) {
    client.batch().v1().jobs().inNamespace(plan.getMetadata().getNamespace())
        .withLabel(Labels.PLAN, plan.getMetadata().getName()).withLabelNotIn(Labels.REVISION, revision)
        .withLabel(CHECK).list().getItems().stream()
        .filter(j -> Owners.controlledBy(j, plan))
        .forEach(j -> client.batch().v1().jobs().inNamespace(j.getMetadata().getNamespace())
            .withName(j.getMetadata().getName()).withPropagationPolicy(DeletionPropagation.BACKGROUND)
            .delete());
  }

  private static JobState state(Job job) {
    if (condition(job, "Complete") != null) {
      return JobState.Succeeded;
    }
    if (condition(job, "Failed") != null) {
      return JobState.Failed;
    }
    return JobState.Running;
  }

  private static String failure(Job job) {
    JobCondition failed = condition(job, "Failed");
    if (failed == null) {
      return null;
    }
    return Objects.requireNonNullElse(failed.getReason(), "Failed")
        + (failed.getMessage() != null ? " (" + failed.getMessage() + ")" : "");
  }

  private static JobCondition condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return null;
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst().orElse(null);
  }

  private static Instant created(Job job) {
    String ts = job.getMetadata().getCreationTimestamp();
    return ts == null ? null : Instant.parse(ts);
  }

  private static Map<String, String> labels(LaunchPlan plan, JobCheck check, String revision) {
    return Map.of(Labels.PLAN, plan.getMetadata().getName(), CHECK, check.getName(), Labels.REVISION, revision);
  }

  private static Map<String, String> merged(Map<String, String> own, Map<String, String> ours) {
    Map<String, String> all = new HashMap<>(own != null ? own : Map.of());
    all.putAll(ours);
    return all;
  }

  private static List<EnvVar> env(LaunchPlan plan, JobCheck check, String revision, String stableRevision) {
    String target = plan.getSpec().getTargetRef().getName();
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar(ENV_PREFIX + "PLAN", plan.getMetadata().getName(), null));
    env.add(new EnvVar(ENV_PREFIX + "NAMESPACE", plan.getMetadata().getNamespace(), null));
    env.add(new EnvVar(ENV_PREFIX + "TARGET", target, null));
    env.add(new EnvVar(ENV_PREFIX + "CANARY", Labels.canaryName(target), null));
    env.add(new EnvVar(ENV_PREFIX + "REVISION", revision, null));
    env.add(new EnvVar(ENV_PREFIX + "STABLE_REVISION", Objects.requireNonNullElse(stableRevision, ""), null));
    env.add(new EnvVar(ENV_PREFIX + "CHECK", check.getName(), null));
    env.add(new EnvVar(ENV_PREFIX + "CHECK_POINT", check.getAt().name(), null));
    return env;
  }

  private static List<EnvVar> withEnv(List<EnvVar> own, List<EnvVar> ours) {
    List<EnvVar> all = new ArrayList<>(ours);
    if (own != null) {
      own.stream().filter(e -> ours.stream().noneMatch(o -> o.getName().equals(e.getName()))).forEach(all::add);
    }
    return all;
  }
}
