package dev.llmmux.server;

import java.nio.file.Path;
import java.util.List;

/** The parsed command line of DESIGN §8. */
final class CommandLine {
  /** The OAuth login flags; their flows come in a later version. */
  static final List<String> LOGIN_FLAGS = List.of(
      "--login", "--antigravity-login", "--claude-login", "--codex-login", "--copilot-login",
      "--qwen-login", "--iflow-login", "--cline-login", "--kiro-login");

  static final String USAGE = String.join("\n",
      "Usage: java -jar llm-mux.jar [options]",
      "",
      "Runs the llm-mux gateway: every configured LLM provider behind the OpenAI, Anthropic,",
      "Gemini and Ollama APIs, on http://127.0.0.1:8318 unless configured otherwise.",
      "",
      "Options:",
      "  --config PATH       the config file (default: $LLM_MUX_CONFIG, else",
      "                      ~/.config/llm-mux/config.yaml; without one, the defaults)",
      "  --port N            listen on port N instead of the config's port (0: any free port)",
      "  --init              write a commented default config to the config path and exit",
      "  --help              show this help and exit",
      "  --version           show the version and exit",
      "",
      "OAuth logins (not available in this version yet):",
      "  --login (Gemini CLI), --antigravity-login, --claude-login, --codex-login,",
      "  --copilot-login, --qwen-login, --iflow-login, --cline-login, --kiro-login,",
      "  --no-browser (print the login URL instead of opening it)",
      "");

  boolean init;
  boolean help;
  boolean version;
  boolean noBrowser;
  Path config;
  Integer port;
  String login;

  /** Parses {@code args}; accepts {@code --flag value} and {@code --flag=value}. */
  static CommandLine parse(String[] args) {
    CommandLine cli = new CommandLine();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "--init": cli.init = true; break;
        case "--help": case "-h": cli.help = true; break;
        case "--version": cli.version = true; break;
        case "--no-browser": cli.noBrowser = true; break;
        case "--config":
          if (value == null) value = next(args, ++i, arg);
          if (value.isBlank()) throw new UsageException("--config needs a file path");
          cli.config = Path.of(value);
          break;
        case "--port":
          if (value == null) value = next(args, ++i, arg);
          cli.port = port(value);
          break;
        default:
          if (LOGIN_FLAGS.contains(arg)) {
            cli.login = arg;
          } else {
            throw new UsageException("unknown option '" + args[i] + "'");
          }
      }
    }
    return cli;
  }

  private static String next(String[] args, int i, String flag) {
    if (i >= args.length || args[i].startsWith("--")) throw new UsageException(flag + " needs a value");
    return args[i];
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) return port;
    } catch (NumberFormatException ignored) {
      // Reported below.
    }
    throw new UsageException("--port must be a number from 0 to 65535, was '" + value + "'");
  }

  /** A command line that cannot be understood. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
