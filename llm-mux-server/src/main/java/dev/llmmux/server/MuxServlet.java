package dev.llmmux.server;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.MuxException;
import dev.llmmux.server.config.ConfigException;
import dev.llmmux.server.config.ConfigLoader;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway as a Jakarta Servlet (6.1): every dialect's endpoints of DESIGN §7, at paths
 * relative to where it is mounted, answering errors in the dialect the client spoke. Register it
 * async-supported so that streams do not hold a container thread.
 *
 * <p>Mount it with a {@link Mux} you built (you close the Mux):
 *
 * <pre>{@code
 * ServletRegistration.Dynamic llm = context.addServlet("llm-mux", new MuxServlet(mux));
 * llm.setAsyncSupported(true);
 * llm.addMapping("/llm/*");
 * }</pre>
 *
 * <p>or declare it in {@code web.xml} with the no-argument constructor: it then reads the config
 * file named by the init parameter {@value #CONFIG_PARAM} (else the context parameter {@value
 * #CONTEXT_CONFIG_PARAM}, else {@code $LLM_MUX_CONFIG}, else {@code
 * ~/.config/llm-mux/config.yaml}, else the defaults), builds its own Mux in {@code init()} and
 * closes it in {@code destroy()}. The init parameter {@value #MAX_BODY_BYTES_PARAM} sets the
 * largest request body accepted (32 MiB by default).
 */
public final class MuxServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(MuxServlet.class);

  /** Init parameter: the path of the YAML config file. */
  public static final String CONFIG_PARAM = "config";
  /** Context parameter: the path of the YAML config file, when the servlet has none. */
  public static final String CONTEXT_CONFIG_PARAM = "llm-mux.config";
  /** Init parameter: the largest request body accepted, in bytes. */
  public static final String MAX_BODY_BYTES_PARAM = "max-body-bytes";
  /** The largest request body accepted unless configured: 32 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

  private final transient Routes routes = new Routes();
  private final boolean ownsMux;
  private transient volatile Mux mux;
  private transient volatile ApiKeys apiKeys;
  private volatile long maxBodyBytes;

  /** A servlet that builds its own Mux from the config file in {@link #init()}. */
  public MuxServlet() {
    this.ownsMux = true;
    this.maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    registerRoutes();
  }

  /** A servlet serving {@code mux}; the caller closes it. */
  public MuxServlet(Mux mux) {
    this(mux, DEFAULT_MAX_BODY_BYTES);
  }

  /** A servlet serving {@code mux} that refuses request bodies over {@code maxBodyBytes} with 413. */
  public MuxServlet(Mux mux, long maxBodyBytes) {
    if (maxBodyBytes <= 0) throw new IllegalArgumentException("maxBodyBytes <= 0");
    this.ownsMux = false;
    this.maxBodyBytes = maxBodyBytes;
    registerRoutes();
    use(Objects.requireNonNull(mux, "mux == null"));
  }

  private void registerRoutes() {
    long created = System.currentTimeMillis() / 1000;
    GatewayRoutes.register(routes);
    OpenAiRoutes.register(routes, created);
    AnthropicRoutes.register(routes, created);
    GeminiRoutes.register(routes);
    OllamaRoutes.register(routes, created);
  }

  private void use(Mux mux) {
    this.apiKeys = new ApiKeys(mux.config().apiKeys());
    this.mux = mux;
  }

  @Override
  public void init() throws ServletException {
    String max = getInitParameter(MAX_BODY_BYTES_PARAM);
    if (max != null) {
      try {
        maxBodyBytes = Long.parseLong(max.trim());
      } catch (NumberFormatException e) {
        maxBodyBytes = -1;
      }
      if (maxBodyBytes <= 0) {
        throw new UnavailableException(MAX_BODY_BYTES_PARAM + " must be a positive number of bytes, was '" + max + "'");
      }
    }
    if (mux != null) return;
    String configured = getInitParameter(CONFIG_PARAM);
    if (configured == null) configured = getServletContext().getInitParameter(CONTEXT_CONFIG_PARAM);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      ConfigLoader configs = new ConfigLoader();
      Set<String> types = ProviderTypes.discover(loader);
      if (types != null) configs.providerTypes(types);
      Path file = configs.locate(configured == null ? null : Path.of(configured));
      MuxConfig config = Files.exists(file) || !file.equals(configs.defaultLocation())
          ? configs.load(file) : MuxConfig.defaults();
      use(Mux.builder().config(config).classLoader(loader).build());
      log.info("llm-mux servlet ready with {} models", mux.models().size());
    } catch (ConfigException | IllegalArgumentException e) {
      throw new UnavailableException("llm-mux: " + e.getMessage());
    }
  }

  @Override
  public void destroy() {
    Mux current = mux;
    if (ownsMux && current != null) current.close();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    // An error dispatch after a failure: the container's own page will do.
    if (request.getDispatcherType() == DispatcherType.ERROR) return;
    String method = request.getMethod();
    String path = relativePath(request);
    Routes.Match match = routes.match(method, path, request);
    Mux current = mux;
    if (match.route() == null) {
      Exchange exchange = new Exchange(request, response, current, routes.errorsFor(path), Map.of(), maxBodyBytes);
      if (match.allowed().isEmpty()) {
        exchange.sendError(new MuxException(ErrorKind.NOT_FOUND, 404, "There is no endpoint " + method
            + " " + path + " here. The endpoints are: " + routes.describe() + ".", null, null, null));
      } else {
        response.setHeader("Allow", String.join(", ", match.allowed()));
        exchange.sendError(new MuxException(ErrorKind.INVALID_REQUEST, 405, path + " answers "
            + String.join(" and ", match.allowed()) + ", not " + method + ".", null, null, null));
      }
      return;
    }
    Exchange exchange = new Exchange(request, response, current, match.route().errors, match.params(), maxBodyBytes);
    if (current == null) {
      exchange.sendError(new MuxException(ErrorKind.OVERLOADED, 503,
          "llm-mux is still starting: its config, accounts and models are not loaded yet.", null, null, null));
      return;
    }
    try {
      if (!match.route().open) apiKeys.check(exchange);
      match.route().endpoint.handle(exchange);
    } catch (MuxException e) {
      exchange.sendError(e);
    } catch (IOException e) {
      log.debug("{} {}: the client went away: {}", method, path, e.toString());
    } catch (RuntimeException e) {
      log.error("{} {} failed", method, path, e);
      exchange.sendError(MuxException.internal(
          "The gateway failed to answer this request; its log has the details.", e));
    }
  }

  /** The path below the mount point: all of it for a {@code /} mapping, the rest for {@code /x/*}. */
  private static String relativePath(HttpServletRequest request) {
    String path = request.getPathInfo() != null ? request.getPathInfo() : request.getServletPath();
    return path == null || path.isEmpty() ? "/" : path;
  }
}
