package dev.llmmux.providers.internal;

import dev.llmmux.core.spi.MuxContext;
import dev.llmmux.core.spi.ProviderSettings;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The one OkHttp client all providers of a {@code Mux} share, so that they share its connection
 * pool and dispatcher. Each provider derives its own timeouts from it with {@code newBuilder()}.
 */
public final class HttpClients implements AutoCloseable {
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(10);

  private final OkHttpClient client;
  private final WatchdogHeartbeat heartbeat = new WatchdogHeartbeat();

  private HttpClients() {
    ExecutorService virtualThreads = virtualThreadExecutor();
    Dispatcher dispatcher = virtualThreads != null ? new Dispatcher(virtualThreads) : new Dispatcher();
    // Streams are long-lived; OkHttp's defaults (64, 5 per host) would queue the sixth stream.
    dispatcher.setMaxRequests(8192);
    dispatcher.setMaxRequestsPerHost(8192);
    client = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(PoolCleanupRunner.newPool(256, 5, TimeUnit.MINUTES))
        .retryOnConnectionFailure(true)
        .followRedirects(false)
        .build();
    heartbeat.start();
  }

  /**
   * One virtual thread per call on Java 24 and newer, where a virtual thread blocked inside
   * {@code synchronized} no longer pins its carrier (JEP 491): thousands of open streams then cost
   * kilobytes each instead of a platform thread each. Null on older JVMs (the code compiles for 17),
   * which keep OkHttp's own pool.
   */
  static ExecutorService virtualThreadExecutor() {
    if (Runtime.version().feature() < 24) return null;
    try {
      Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) factory.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The shared client of {@code context}, with the timeouts of {@code settings}. */
  public static OkHttpClient forSettings(MuxContext context, ProviderSettings settings) {
    OkHttpClient shared = context.shared(HttpClients.class, HttpClients::new).client;
    Duration connect = settings.connectTimeout() != null ? settings.connectTimeout() : DEFAULT_CONNECT_TIMEOUT;
    Duration read = settings.readTimeout() != null ? settings.readTimeout() : DEFAULT_READ_TIMEOUT;
    return shared.newBuilder().connectTimeout(connect).readTimeout(read).writeTimeout(read).build();
  }

  @Override
  public void close() {
    heartbeat.stop();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
