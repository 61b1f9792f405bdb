package io.launchplan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the operator's settings come from: environment variables over an optional YAML file named
 * by {@code LAUNCHPLAN_CONFIG_FILE} (the Helm chart renders it into a ConfigMap). The file is a flat
 * mapping with the same names as the variables ({@code LAUNCHPLAN_PROMETHEUS_URL: http://...}); a
 * name the operator does not know is an error, so a typo cannot pass silently. A variable that is
 * set and not blank wins over the file. Every setting is listed in {@code docs/configuration.md}.
 */
public final class Settings {
  /** The variable naming the settings file. */
  public static final String CONFIG_FILE = "LAUNCHPLAN_CONFIG_FILE";

  /**
   * Every setting the operator reads. {@code SettingsTest} checks that each name used in the code
   * is here and documented in docs/configuration.md.
   */
  public static final Set<String> KNOWN = Collections.unmodifiableSet(new TreeSet<>(Set.of(
      "LAUNCHPLAN_PROMETHEUS_URL", "LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS", "LAUNCHPLAN_PROMETHEUS_CONNECTION", "LAUNCHPLAN_PROMETHEUS_CONNECTION_NAMESPACE", "LAUNCHPLAN_NAMESPACES", "LAUNCHPLAN_LABEL_SELECTOR", "LAUNCHPLAN_METRICS_PORT",
      "LAUNCHPLAN_QUERY_TIMEOUT", "LAUNCHPLAN_RECONCILE_CONCURRENCY",
      "LAUNCHPLAN_RECEIVER_PORT", "LAUNCHPLAN_RECEIVER_TOKEN_SECRET", "LAUNCHPLAN_RECEIVER_TOKEN",
      "LAUNCHPLAN_RECEIVER_INSECURE", "LAUNCHPLAN_RECEIVER_ALERT_TTL",
      "LAUNCHPLAN_LEADER_ELECTION", "LAUNCHPLAN_LEASE_NAME", "LAUNCHPLAN_LEASE_NAMESPACE", "LAUNCHPLAN_LEASE_DURATION", "LAUNCHPLAN_IDENTITY",
      "LAUNCHPLAN_CONFIG_MAP", "LAUNCHPLAN_FREEZE_ALERTS",
      "LAUNCHPLAN_LOG_FORMAT", "LAUNCHPLAN_LOG_LEVEL", CONFIG_FILE)));

  /** Not accepted in the file: the file itself, and the receiver token (a ConfigMap is no place for a secret). */
  private static final Map<String, String> NOT_IN_FILE = Map.of(
      CONFIG_FILE, "the file cannot name another file",
      "LAUNCHPLAN_RECEIVER_TOKEN", "a secret does not belong in a ConfigMap: use LAUNCHPLAN_RECEIVER_TOKEN_SECRET, "
          + "or set the variable from a Secret (env valueFrom.secretKeyRef)");

  private static final Pattern SETTING_NAME = Pattern.compile("\\bLAUNCHPLAN_[A-Z_]+\\b");

  private final Map<String, String> values;
  private final Map<String, String> origins;

  private Settings(Map<String, String> values, Map<String, String> origins) {
    this.values = Collections.unmodifiableMap(values);
    this.origins = Collections.unmodifiableMap(origins);
  }

  /** The environment, over the file named by {@code LAUNCHPLAN_CONFIG_FILE} when set. */
  public static Settings load(Map<String, String> env) {
    String file = blankToNull(env.get(CONFIG_FILE));
    if (file == null) {
      return of(env, null, null);
    }
    String text;
    try {
      text = Files.readString(Path.of(file));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(CONFIG_FILE + ": cannot read '" + file + "': " + e, e);
    }
    return of(env, file, text);
  }

  /** The environment over the settings in {@code fileText} (YAML) read from {@code fileName}; both file arguments may be null. */
  static Settings of(Map<String, String> env, String fileName, String fileText) {
    Map<String, String> values = new HashMap<>();
    Map<String, String> origins = new HashMap<>();
    if (fileText != null) {
      parseFile(fileName, fileText).forEach((name, value) -> {
        values.put(name, value);
        origins.put(name, "file " + fileName);
      });
    }
    env.forEach((name, value) -> {
      boolean setting = KNOWN.contains(name);
      if (setting && (value == null || value.isBlank())) {
        return; // blank means unset: the file's value (or the default) stays
      }
      values.put(name, value);
      if (setting) {
        origins.put(name, "environment variable");
      }
    });
    return new Settings(values, origins);
  }

  private static Map<String, String> parseFile(String fileName, String text) {
    JsonNode root;
    try {
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      root = yaml.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(CONFIG_FILE + ": " + fileName + " is not valid YAML: " + e.getOriginalMessage());
    }
    Map<String, String> settings = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return settings; // an empty file sets nothing
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(CONFIG_FILE + ": " + fileName
          + " must be a mapping of setting names to values, e.g. LAUNCHPLAN_PROMETHEUS_URL: http://prometheus:9090");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      var field = it.next();
      String name = field.getKey();
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException(CONFIG_FILE + ": " + fileName + " sets '" + name
            + "', which is not a setting of the operator (see docs/configuration.md)" + suggestion(name));
      }
      if (NOT_IN_FILE.containsKey(name)) {
        throw new IllegalArgumentException(CONFIG_FILE + ": " + fileName + " sets " + name + ": " + NOT_IN_FILE.get(name));
      }
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue; // `NAME:` with no value: unset
      }
      if (!value.isValueNode()) {
        throw new IllegalArgumentException(CONFIG_FILE + ": " + fileName + " sets " + name
            + " to a " + value.getNodeType().name().toLowerCase() + "; every setting is a single value"
            + " (a list of namespaces is written comma-separated)");
      }
      settings.put(name, value.asText());
    }
    return settings;
  }

  /** " (did you mean X?)" for a name one or two edits away from a known one. */
  private static String suggestion(String name) {
    String best = null;
    int bestDistance = 3;
    for (String known : KNOWN) {
      int d = distance(name.toUpperCase(), known);
      if (d < bestDistance) {
        best = known;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean " + best + "?)";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /**
   * The merged settings, in the shape {@link OperatorConfig#fromEnv} and {@link LeaderElection#fromEnv}
   * read: every environment variable plus the file's settings under them.
   */
  public Map<String, String> values() {
    return values;
  }

  /** "environment variable", "file /path", or null when the setting is not set (its default applies). */
  public String origin(String name) {
    return origins.get(name);
  }

  /**
   * {@code error}'s message with where each setting it names was set, e.g.
   * "LAUNCHPLAN_METRICS_PORT: 'abc' is not a number (LAUNCHPLAN_METRICS_PORT from file /etc/launchplan/settings.yaml)".
   */
  public String explain(IllegalArgumentException error) {
    String message = error.getMessage();
    Set<String> named = new java.util.LinkedHashSet<>();
    Matcher m = SETTING_NAME.matcher(message);
    while (m.find()) {
      if (origins.containsKey(m.group()) && !m.group().equals(CONFIG_FILE)) {
        named.add(m.group());
      }
    }
    if (named.isEmpty()) {
      return message;
    }
    StringBuilder sb = new StringBuilder(message).append(" (");
    int i = 0;
    for (String name : named) {
      sb.append(i++ == 0 ? "" : "; ").append(name).append(" from the ").append(origins.get(name));
    }
    return sb.append(')').toString();
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }
}
