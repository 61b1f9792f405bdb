package io.launchplan.simulator;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The simulator's command line.
 *
 * <pre>
 * --kubeconfig PATH    kubeconfig to use; default: $KUBECONFIG, then ~/.kube/config, then in-cluster
 * --listen HOST:PORT   address for /metrics and /healthz; default 127.0.0.1:9101 (PORT 0 = any free)
 * --file-sd PATH       also write Prometheus file_sd targets of real pods there ({@link ScrapeTargets})
 * --help               print usage and exit
 * </pre>
 *
 * Both {@code --flag value} and {@code --flag=value} are accepted. {@code HOST} may be omitted
 * ({@code :9101}) and may be a bracketed IPv6 literal ({@code [::1]:9101}).
 *
 * @param kubeconfig explicit kubeconfig, or empty for fabric8's default lookup
 * @param listenHost interface to bind
 * @param listenPort port to bind, 0 for any free port
 * @param fileSd where to write the scrape targets of real pods, or empty for none
 * @param helpRequested whether {@code --help} was given (the other fields are then defaults)
 */
record SimulatorOptions(
    Optional<Path> kubeconfig,
    String listenHost,
    int listenPort,
    Optional<Path> fileSd,
    boolean helpRequested) {

  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 9101;

  static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar launchplan-simulator.jar [--kubeconfig PATH] [--listen HOST:PORT]"
              + " [--file-sd PATH]",
          "  --kubeconfig PATH   kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config)",
          "  --listen HOST:PORT  where to serve /metrics and /healthz (default "
              + DEFAULT_HOST
              + ":"
              + DEFAULT_PORT
              + ")",
          "  --file-sd PATH      write Prometheus file_sd targets of pods annotated"
              + " prometheus.io/scrape=true");

  /** A command line that cannot be understood; the message says why. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static SimulatorOptions parse(String... args) throws UsageException {
    Optional<Path> kubeconfig = Optional.empty();
    String host = DEFAULT_HOST;
    int port = DEFAULT_PORT;
    Optional<Path> fileSd = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String flag = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
      String inlineValue = flag.equals(arg) ? null : arg.substring(equals + 1);
      switch (flag) {
        case "--help":
        case "-h":
          return new SimulatorOptions(
              Optional.empty(), DEFAULT_HOST, DEFAULT_PORT, Optional.empty(), true);
        case "--kubeconfig":
          kubeconfig = Optional.of(path(flag, inlineValue != null ? inlineValue : valueAfter(args, i++, flag)));
          break;
        case "--listen":
          {
            String value = inlineValue != null ? inlineValue : valueAfter(args, i++, flag);
            int colon = value.lastIndexOf(':');
            if (colon < 0) {
              throw new UsageException("--listen expects HOST:PORT, got \"" + value + "\"");
            }
            String hostPart = value.substring(0, colon);
            if (hostPart.startsWith("[") && hostPart.endsWith("]")) {
              hostPart = hostPart.substring(1, hostPart.length() - 1);
            }
            host = hostPart.isEmpty() ? DEFAULT_HOST : hostPart;
            port = parsePort(value.substring(colon + 1));
            break;
          }
        case "--file-sd":
          fileSd = Optional.of(path(flag, inlineValue != null ? inlineValue : valueAfter(args, i++, flag)));
          break;
        default:
          throw new UsageException("unknown argument \"" + arg + "\"");
      }
    }
    return new SimulatorOptions(kubeconfig, host, port, fileSd, false);
  }

  private static Path path(String flag, String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException(flag + " needs a path");
    }
    return Path.of(value);
  }

  private static String valueAfter(String[] args, int flagIndex, String flag)
      throws UsageException {
    if (flagIndex + 1 >= args.length) {
      throw new UsageException(flag + " needs a value");
    }
    return args[flagIndex + 1];
  }

  private static int parsePort(String text) throws UsageException {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, like an out-of-range port
    }
    throw new UsageException("--listen port must be a number 0-65535, got \"" + text + "\"");
  }
}
