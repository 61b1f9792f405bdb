package io.launchplan.plugin;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * The build's check of {@code kubectl-launchplan.jar}: every class its classes refer to is in the jar
 * or in the JDK. Run by exec-maven-plugin in the {@code package} phase, after the shade plugin
 * (plugin/pom.xml), so a jar that misses a class never leaves the build — the shade filter keeps a
 * hand-written list of the operator's classes, and a class left off it (once
 * {@code io/launchplan/cluster/HttpConnections}) was otherwise found only when a command reached it,
 * as a {@code NoClassDefFoundError}.
 *
 * <p>The references are read by the JDK's {@code jdeps -filter:none --missing-deps} (in this JVM, through its
 * {@link ToolProvider}), which prints one line per class and missing class it refers to. The libraries'
 * references to optional dependencies they use only when those are on the class path are allowed, each
 * by the packages on both sides ({@link #OPTIONAL}); nothing of {@code io.launchplan} is.
 */
public final class ShadedJarCheck {
  /** A class of the jar ({@code from}) that refers to a class neither in the jar nor in the JDK ({@code to}). */
  record Reference(String from, String to) {
    @Override
    public String toString() {
      return from + " -> " + to;
    }
  }

  /** References from classes of package {@code from} to those of package {@code to} (prefixes) are allowed: {@code why}. */
  record Optional(String from, String to, String why) {
    boolean covers(Reference r) {
      return r.from().startsWith(from) && r.to().startsWith(to);
    }
  }

  static final List<Optional> OPTIONAL = List.of(
      new Optional("com.jayway.jsonpath.spi.", "com.google.gson.", "json-path's Gson provider, used only if chosen"),
      new Optional("com.jayway.jsonpath.spi.", "jakarta.json.", "json-path's Jakarta JSON providers, used only if chosen"),
      new Optional("com.jayway.jsonpath.spi.", "org.json.", "json-path's org.json provider, used only if chosen"),
      new Optional("com.jayway.jsonpath.spi.", "org.codehaus.jettison.", "json-path's Jettison provider, used only if chosen"),
      new Optional("com.jayway.jsonpath.spi.", "org.apache.tapestry5.", "json-path's Tapestry provider, used only if chosen"),
      new Optional("com.cronutils.validation.", "javax.validation.", "cron-utils' Bean Validation constraint, unused"),
      new Optional("io.fabric8.kubernetes.client.dsl.internal.", "org.apache.commons.compress.",
          "fabric8's file upload into a pod (kubectl cp); the plugin uploads nothing"));

  /** {@code   FROM   -> TO   not found}, jdeps' line of one missing reference. */
  private static final Pattern REFERENCE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+not found\\s*$");
  /** {@code kubectl-launchplan.jar -> not found}: the heading jdeps prints before and after them. */
  private static final Pattern HEADING = Pattern.compile("^\\S+\\s+->\\s+not found\\s*$");

  private ShadedJarCheck() {}

  /** {@code args[0]}: the jar. Throws (failing the build) when a reference is missing. */
  public static void main(String[] args) {
    Path jar = Path.of(args[0]);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: the shade plugin runs before this check");
    }
    List<Reference> missing = missing(jdeps(jar));
    List<Reference> unexplained = unexplained(missing);
    if (!unexplained.isEmpty()) {
      throw new IllegalStateException(jar.getFileName() + " refers to " + unexplained.size()
          + " class(es) that are neither in it nor in the JDK (add them to the shade filter's includes in"
          + " plugin/pom.xml, or, for a library's optional dependency, to ShadedJarCheck.OPTIONAL):\n  "
          + String.join("\n  ", unexplained.stream().map(Reference::toString).toList()));
    }
    System.out.println(jar.getFileName() + ": every class it refers to is in it or in the JDK ("
        + missing.size() + " references to libraries' optional dependencies allowed)");
  }

  /**
   * What {@code jdeps --multi-release 17 -filter:none --missing-deps JAR} prints. {@code -filter:none}:
   * by default jdeps leaves out the references within a package, and a class missing beside the
   * class that uses it (HttpConnections beside PrometheusConnections) is the common case.
   */
  static String jdeps(Path jar) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps")
        .orElseThrow(() -> new IllegalStateException("no jdeps in this JVM: the build needs a JDK"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true),
        "--multi-release", "17", "-filter:none", "--missing-deps", jar.toString());
    if (code != 0) {
      throw new IllegalStateException("jdeps failed (exit " + code + "): " + err + out);
    }
    return out.toString();
  }

  /**
   * The references of jdeps' output. A line that is neither a reference nor a heading fails, so a
   * change of jdeps' format cannot make the check pass by reading nothing.
   */
  static List<Reference> missing(String jdepsOutput) {
    List<Reference> refs = new ArrayList<>();
    for (String line : jdepsOutput.split("\\R")) {
      Matcher m = REFERENCE.matcher(line);
      if (m.matches()) {
        refs.add(new Reference(m.group(1), m.group(2)));
      } else if (!line.isBlank() && !HEADING.matcher(line).matches()) {
        throw new IllegalStateException("unexpected line in jdeps' output: " + line);
      }
    }
    return refs;
  }

  /** The references {@link #OPTIONAL} does not allow. */
  static List<Reference> unexplained(List<Reference> missing) {
    return missing.stream().filter(r -> OPTIONAL.stream().noneMatch(o -> o.covers(r))).toList();
  }
}
