package dev.codegen.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** A headless Spring Boot service with the dependency, probed over real HTTP. */
class OpsEndpointIntegrationTests {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What a worker looks like to the auto-configuration: no web server, one readiness check. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Worker {

    static final AtomicBoolean consuming = new AtomicBoolean(true);

    @Bean
    ReadinessCheck consumers() {
      return ReadinessCheck.of("kafka-consumers", consuming::get);
    }
  }

  private ConfigurableApplicationContext app;
  private ConfigurableApplicationContext other;

  @AfterEach
  void close() {
    Worker.consuming.set(true);
    if (app != null) {
      app.close();
    }
    if (other != null) {
      other.close();
    }
  }

  private static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(Worker.class)
        .web(WebApplicationType.NONE)
        .properties(properties)
        .run();
  }

  private static int port(ConfigurableApplicationContext context) {
    return context.getEnvironment().getRequiredProperty(OpsServer.PORT_PROPERTY, Integer.class);
  }

  private static HttpResponse<String> get(int port, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesRecordedTimersAndJvmMetersInPrometheusText() throws Exception {
    app = start("codegen.ops.port=0");
    MeterRegistry meters = app.getBean(MeterRegistry.class);
    Timer.builder("codegen.test.stage")
        .tag("stage", "model")
        .register(meters)
        .record(Duration.ofMillis(250));

    HttpResponse<String> response = get(port(app), "/metrics");

    assertThat(meters).isInstanceOf(PrometheusMeterRegistry.class);
    assertThat(System.getProperty(OpsServer.NODELAY_PROPERTY)).isEqualTo("true");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .contains("codegen_test_stage_seconds_count{stage=\"model\"} 1")
        .contains("codegen_test_stage_seconds_sum{stage=\"model\"} 0.25")
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_threads_live_threads ")
        .contains("process_uptime_seconds ")
        .contains("process_cpu_usage ")
        .contains("logback_events_total{");
  }

  @Test
  void answersOpenMetricsWhenTheScraperAsksForIt() throws Exception {
    app = start("codegen.ops.port=0");
    app.getBean(MeterRegistry.class).counter("codegen.test.things").increment(3);

    HttpResponse<String> response =
        get(
            port(app),
            "/metrics",
            "Accept",
            "application/openmetrics-text;version=1.0.0,*/*;q=0.1");

    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(response.body()).contains("codegen_test_things_total 3.0").endsWith("# EOF\n");
  }

  @Test
  void reportsUpWhileTheServiceCanWork() throws Exception {
    app = start("codegen.ops.port=0");
    int port = port(app);

    assertThat(get(port, "/health/liveness").body())
        .isEqualTo("{\"status\":\"UP\",\"components\":{\"livenessState\":{\"status\":\"UP\"}}}");
    HttpResponse<String> readiness = get(port, "/health/readiness");
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(readiness.body())
        .isEqualTo(
            "{\"status\":\"UP\",\"components\":{\"readinessState\":{\"status\":\"UP\"},"
                + "\"kafka-consumers\":{\"status\":\"UP\"}}}");
    assertThat(get(port, "/health").body()).startsWith("{\"status\":\"UP\"");
  }

  @Test
  void turnsReadinessAndHealthDownWhenACheckFailsButStaysLive() throws Exception {
    app = start("codegen.ops.port=0");
    int port = port(app);
    Worker.consuming.set(false);

    HttpResponse<String> readiness = get(port, "/health/readiness");
    HttpResponse<String> health = get(port, "/health");

    assertThat(readiness.statusCode()).isEqualTo(503);
    assertThat(readiness.body())
        .startsWith("{\"status\":\"DOWN\"")
        .contains("\"kafka-consumers\":{\"status\":\"DOWN\"}");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(get(port, "/health/liveness").statusCode()).isEqualTo(200);

    Worker.consuming.set(true);
    assertThat(get(port, "/health/readiness").statusCode()).isEqualTo(200);
  }

  @Test
  void answersUnknownPathsWith404AndOtherMethodsWith405() throws Exception {
    app = start("codegen.ops.port=0");
    int port = port(app);

    HttpResponse<String> missing = get(port, "/actuator/prometheus");
    HttpResponse<String> post =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(get(port, "/health/").statusCode()).isEqualTo(404);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    assertThat(post.body()).isEqualTo("Method Not Allowed\n");
  }

  @Test
  void startsNoServerWhenThePortIsMinusOneButStillProvidesTheRegistry() {
    app = start("codegen.ops.port=-1");

    assertThat(app.getBean(OpsServer.class).isRunning()).isFalse();
    assertThat(app.getBean(OpsServer.class).port()).isEqualTo(-1);
    assertThat(app.getEnvironment().containsProperty(OpsServer.PORT_PROPERTY)).isFalse();
    assertThat(app.getBean(MeterRegistry.class)).isInstanceOf(PrometheusMeterRegistry.class);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("codegen-ops-"));
  }

  @Test
  void isOffWhenNoPortIsConfigured() {
    app = start();

    assertThat(app.getBean(OpsServer.class).isRunning()).isFalse();
  }

  @Test
  void keepsTheMetersOfTwoServicesInOneJvmApart() throws Exception {
    app = start("codegen.ops.port=0");
    other = start("codegen.ops.port=0");
    app.getBean(MeterRegistry.class).counter("codegen.test.first").increment();
    other.getBean(MeterRegistry.class).counter("codegen.test.second").increment();

    String first = get(port(app), "/metrics").body();
    String second = get(port(other), "/metrics").body();

    assertThat(port(app)).isNotEqualTo(port(other));
    assertThat(first)
        .contains("codegen_test_first_total 1.0")
        .doesNotContain("codegen_test_second");
    assertThat(second)
        .contains("codegen_test_second_total 1.0")
        .doesNotContain("codegen_test_first");
  }

  @Test
  void scrapesItsOwnRegistryWhenBootsPrometheusExportIsOff() throws Exception {
    app = start("codegen.ops.port=0", "management.prometheus.metrics.export.enabled=false");
    app.getBean(MeterRegistry.class).counter("codegen.test.fallback").increment();

    assertThat(app.getBeansOfType(PrometheusMeterRegistry.class))
        .containsOnlyKeys("opsPrometheusMeterRegistry");
    assertThat(get(port(app), "/metrics").body()).contains("codegen_test_fallback_total 1.0");
  }

  @Test
  void failsStartupNamingTheAddressWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThatThrownBy(() -> start("codegen.ops.port=" + taken.getLocalPort()))
          .hasStackTraceContaining("ops endpoint cannot listen on 0.0.0.0:" + taken.getLocalPort());
    }
  }

  @Test
  void closesThePortWithTheContext() throws Exception {
    app = start("codegen.ops.port=0");
    int port = port(app);
    app.close();
    app = null;

    assertThatThrownBy(() -> get(port, "/health")).isInstanceOf(IOException.class);
  }
}
