package io.launchplan.plugin;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl launchplan}: follows launches and drives them through the operator's declarative
 * controls only (the promote and abort annotations, {@code spec.paused}, the freeze annotation,
 * {@code spec.postmortem}), so what it does is what a person could do with {@code kubectl annotate}
 * and {@code kubectl patch}, or from Git.
 */
@Command(name = "kubectl-launchplan", mixinStandardHelpOptions = true, versionProvider = Version.class,
    usageHelpAutoWidth = true,
    description = "Follow, gate and drive LaunchPlans (launchplan.io/v1alpha1).",
    footer = {"", "Exit codes: 0 done, 1 error (kubectl's message on stderr), 64 bad usage;",
        "status: 0 Succeeded, 1 Reverted, 2 not ended (timeout), 3 error."})
public final class Main implements Runnable {
  /** The commands, in the order the help lists them. */
  private static final Map<String, Class<?>> COMMANDS = commands();
  @Mixin
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  final Clock clock;

  Main(Clock clock) {
    this.clock = clock;
  }

  /** The connection flags, for commands outside this package (the dashboard). */
  public GlobalOptions globalOptions() {
    return global;
  }

  /** The clock every command uses. */
  public Clock clock() {
    return clock;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed (get, status, promote, abort, "
        + "pause, resume, freeze, unfreeze, lanes, postmortem)");
  }

  public static void main(String[] args) {
    // fabric8 logs through SLF4J; without a provider SLF4J would warn on stderr at every start.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    // fabric8 puts the kubeconfig's client key into an in-memory PKCS12 key store, which encrypts it with
    // PBKDF2 at 10,000 rounds and decrypts it again for the TLS key manager: a tenth of a start spent
    // hashing, with a JVM that has not warmed up, to protect a store that never leaves memory (the key
    // is in the kubeconfig in the clear). One round protects it as much.
    System.setProperty("keystore.pkcs12.keyPbeIterationCount", "1");
    Trace.mark("main");
    Kube.readAhead(args);
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = run(args, out, err, Clock.systemUTC());
    out.flush();
    err.flush();
    HttpSelectors.stop(Duration.ofMillis(100));
    Trace.mark("exit");
    System.exit(code);
  }

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> c = new LinkedHashMap<>();
    c.put("get", GetCommand.class);
    c.put("status", StatusCommand.class);
    c.put("promote", PromoteCommand.class);
    c.put("abort", AbortCommand.class);
    c.put("pause", PauseCommand.class);
    c.put("resume", ResumeCommand.class);
    c.put("freeze", FreezeCommand.class);
    c.put("unfreeze", UnfreezeCommand.class);
    c.put("lanes", LanesCommand.class);
    c.put("postmortem", PostmortemCommand.class);
    c.put("approve", ApproveCommand.class);
    c.put("backtest", BacktestCommand.class);
    c.put("dashboard", io.launchplan.plugin.dashboard.DashboardCommand.class);
    c.put("help", CommandLine.HelpCommand.class);
    c.put("__warm-up", WarmUpCommand.class);
    return c;
  }

  /** Runs one command line, printing to {@code out} and {@code err}; returns the exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err, Clock clock) {
    Factory factory = new Factory(clock);
    CommandLine cl = new CommandLine(new Main(clock), factory);
    // picocli reads each command's annotations when it is added (a fifth of a start): add the ones the
    // arguments name, or all of them when they name none or ask for help.
    Set<String> named = new HashSet<>(Arrays.asList(args));
    named.retainAll(COMMANDS.keySet());
    boolean all = named.isEmpty() || named.contains("help") || Arrays.asList(args).indexOf("--help") == 0
        || Arrays.asList(args).indexOf("-h") == 0;
    COMMANDS.forEach((name, type) -> {
      if (all || named.contains(name)) {
        cl.addSubcommand(name, create(factory, type));
        // `get --help`, as the usage errors advise (help and version options of each command)
        cl.getSubcommands().get(name).getCommandSpec().mixinStandardHelpOptions(true);
      }
    });
    cl.setAllowSubcommandsAsOptionParameters(true); // -n lanes: a namespace may be named like a command
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(e -> e instanceof Failure f ? f.exitCode() : ExitCodes.ERROR);
    cl.setParameterExceptionHandler((e, a) -> {
      err.println("error: " + e.getMessage());
      err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName(" ").replace("kubectl-launchplan", "kubectl launchplan")
          + " --help' for usage.");
      return ExitCodes.USAGE;
    });
    cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
      int code = commandLine.getCommand() instanceof ErrorExit x ? x.errorExitCode() : ExitCodes.ERROR;
      if (e instanceof Failure f) {
        err.println(f.getMessage().startsWith("Error from server") ? f.getMessage() : "error: " + f.getMessage());
        return f.exitCode() == ExitCodes.ERROR ? code : f.exitCode();
      }
      if (e instanceof KubernetesClientException k) {
        String server = commandLine.getCommand() instanceof PluginCommand p ? p.serverOrEmpty() : "";
        err.println(ApiErrors.message(k, server));
        return code;
      }
      throw e;
    });
    return cl.execute(args);
  }

  private static Object create(Factory factory, Class<?> type) {
    try {
      return factory.create(type);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the command " + type.getSimpleName(), e);
    }
  }

  /** A command whose errors exit with another code than 1 ({@code status}: 3). */
  interface ErrorExit {
    int errorExitCode();
  }

  /** Gives every command the clock. */
  private record Factory(Clock clock) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (PluginCommand.class.isAssignableFrom(cls)) {
        K command = CommandLine.defaultFactory().create(cls);
        ((PluginCommand) command).clock = clock;
        return command;
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
