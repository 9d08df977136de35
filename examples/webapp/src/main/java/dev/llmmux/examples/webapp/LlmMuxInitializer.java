package dev.llmmux.examples.webapp;

import dev.llmmux.server.MuxServlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.Set;

/**
 * Mounts the gateway at {@code /llm/*} of the webapp this jar is in. Servlet containers find it
 * through {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}. The servlet reads
 * the config file named by the context parameter {@code llm-mux.config} (else {@code
 * $LLM_MUX_CONFIG}, else {@code ~/.config/llm-mux/config.yaml}), builds its Mux when the webapp
 * starts and closes it when the webapp stops.
 *
 * <p>The same in {@code web.xml}:
 *
 * <pre>{@code
 * <servlet>
 *   <servlet-name>llm-mux</servlet-name>
 *   <servlet-class>dev.llmmux.server.MuxServlet</servlet-class>
 *   <init-param><param-name>config</param-name><param-value>/etc/llm-mux/config.yaml</param-value></init-param>
 *   <load-on-startup>1</load-on-startup>
 *   <async-supported>true</async-supported>
 * </servlet>
 * <servlet-mapping>
 *   <servlet-name>llm-mux</servlet-name>
 *   <url-pattern>/llm/*</url-pattern>
 * </servlet-mapping>
 * }</pre>
 */
public final class LlmMuxInitializer implements ServletContainerInitializer {
  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    ServletRegistration.Dynamic llm = context.addServlet("llm-mux", MuxServlet.class);
    // Streams then wait for the upstream without holding a container thread.
    llm.setAsyncSupported(true);
    llm.setLoadOnStartup(1);
    llm.addMapping("/llm/*");
  }
}
