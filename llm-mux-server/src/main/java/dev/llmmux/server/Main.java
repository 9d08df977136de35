package dev.llmmux.server;

import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.server.config.ConfigException;
import dev.llmmux.server.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone jar's command line (DESIGN §8): runs the gateway on the embedded Jetty server,
 * or writes a commented default config with {@code --init}. Exit codes: 0 done, 1 failed (a port
 * in use, a file that cannot be written), 2 a usage or config error.
 */
public final class Main {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Path home;

  Main(PrintStream out, PrintStream err, Map<String, String> env, Path home) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.home = home;
  }

  public static void main(String[] args) {
    Main main = new Main(System.out, System.err, System.getenv(), Path.of(System.getProperty("user.home")));
    int code = main.run(args);
    // A stopped server already returned through the shutdown hook; exit() would wait for it.
    if (code != OK) System.exit(code);
  }

  /** Does what {@code args} say; with a server, returns once it has been stopped. */
  int run(String[] args) {
    Launch launch = launch(args);
    if (launch.server() == null) return launch.exitCode();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(launch), "llm-mux-shutdown"));
    try {
      launch.server().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return OK;
  }

  /** Does what {@code args} say and returns at once, with the server running when one started. */
  Launch launch(String[] args) {
    CommandLine cli;
    try {
      cli = CommandLine.parse(args);
    } catch (CommandLine.UsageException e) {
      err.println("llm-mux: " + e.getMessage());
      err.println("Run with --help to see the options.");
      return Launch.exit(USAGE);
    }
    if (cli.help) {
      out.print(CommandLine.USAGE);
      return Launch.exit(OK);
    }
    if (cli.version) {
      out.println("llm-mux " + version());
      return Launch.exit(OK);
    }
    ConfigLoader loader = new ConfigLoader(env, home);
    Path path = loader.locate(cli.config);
    if (cli.login != null) {
      err.println("llm-mux: " + cli.login + " is not available in this version yet; the OAuth login "
          + "flows come in a later release. Meanwhile, add an API-key or self-hosted upstream "
          + "under providers: in " + path + ".");
      return Launch.exit(USAGE);
    }
    if (cli.init) return Launch.exit(init(path, cli.config != null));
    return serve(cli, loader, path);
  }

  private int init(Path path, boolean explicit) {
    if (Files.exists(path)) {
      err.println("llm-mux: " + path + " already exists; not overwriting it. Edit it, or choose "
          + "another path with --config.");
      return FAILED;
    }
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(path, ConfigLoader.template(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        // The file will hold API keys.
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (IOException e) {
      err.println("llm-mux: could not write " + path + ": " + e.getMessage());
      return FAILED;
    }
    out.println("Wrote " + path + ".");
    out.println("Add your providers to it, then start the gateway with: java -jar llm-mux.jar"
        + (explicit ? " --config " + path : ""));
    return OK;
  }

  private Launch serve(CommandLine cli, ConfigLoader loader, Path path) {
    boolean explicit = cli.config != null || !path.equals(loader.defaultLocation());
    Set<String> types = ProviderTypes.discover(Main.class.getClassLoader());
    if (types != null) loader.providerTypes(types);
    MuxConfig config;
    try {
      if (Files.exists(path)) {
        config = loader.load(path);
      } else if (explicit) {
        err.println("llm-mux: the config file " + path + " does not exist. Write a commented "
            + "default with: java -jar llm-mux.jar --init --config " + path);
        return Launch.exit(USAGE);
      } else {
        log.info("No config file at {}: starting with the defaults (--init writes one).", path);
        config = loader.defaults();
      }
    } catch (ConfigException e) {
      err.println("llm-mux: " + e.getMessage());
      return Launch.exit(USAGE);
    }
    if (cli.port != null) config = config.toBuilder().port(cli.port).build();

    Mux mux;
    try {
      mux = Mux.builder().config(config).build();
    } catch (IllegalArgumentException e) {
      err.println("llm-mux: " + path + ": " + e.getMessage());
      return Launch.exit(USAGE);
    } catch (RuntimeException e) {
      log.debug("building the gateway failed", e);
      err.println("llm-mux: could not start: " + e.getMessage());
      return Launch.exit(FAILED);
    }
    MuxServer server;
    try {
      server = MuxServer.builder(mux).start();
    } catch (IOException e) {
      mux.close();
      err.println("llm-mux: could not listen on " + config.host() + ":" + config.port() + ": "
          + e.getMessage());
      return Launch.exit(FAILED);
    }
    int models = mux.models().size();
    log.info("llm-mux {} listening on {} with {} model{}{}", version(), server.uri(), models,
        models == 1 ? "" : "s", models == 0 ? " (add providers to " + path + ")" : "");
    if (config.apiKeys().isEmpty() && !isLoopback(config.host())) {
      log.warn("Listening on {} without api-keys: anyone who can reach the port can use it.", config.host());
    }
    return new Launch(OK, server, mux);
  }

  private static void shutdown(Launch launch) {
    log.info("Stopping: letting requests in flight finish.");
    try {
      launch.server().stop();
    } catch (RuntimeException e) {
      log.warn("stopping the server failed: {}", e.toString());
    }
    launch.mux().close();
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  /** The jar's Implementation-Version, or "dev" outside a built jar. */
  static String version() {
    Package p = Main.class.getPackage();
    String version = p == null ? null : p.getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** What a command line did: an exit code, or a running server and its Mux. */
  record Launch(int exitCode, MuxServer server, Mux mux) {
    static Launch exit(int code) {
      return new Launch(code, null, null);
    }
  }
}
