package dev.codegen.gateway.http;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Tomcat as the gateway needs it: problem details for its own errors, {@code %2F} left to us. */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrors() {
    return new ProblemErrors();
  }

  /** Runs after Boot's own customizer, which installs a plain ErrorReportValve on the host. */
  private static final class ProblemErrors
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      // Tomcat refuses an encoded slash with a bare 400; passed through, /jobs/a%2Fb reaches the
      // job route like any other id that is not a UUID and gets its 404 problem.
      factory.addConnectorCustomizers(
          connector ->
              connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
      factory.addContextCustomizers(context -> replaceErrorReportValve(context.getParent()));
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }

  static void replaceErrorReportValve(Container host) {
    for (Valve valve : host.getPipeline().getValves()) {
      if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
        host.getPipeline().removeValve(valve);
      }
    }
    if (host instanceof StandardHost standard) {
      // Keeps the host from adding a default ErrorReportValve of its own when it starts.
      standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
    }
    host.getPipeline().addValve(new ProblemErrorReportValve());
  }
}
