package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.plugin.tests.SandboxSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** The service's own yml plus environment variables, bound the way Boot binds them. */
class PluginWorkerPropertiesTests {

  private static Binder binder(Map<String, Object> environmentVariables) throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environmentVariables));
    for (PropertySource<?> yml :
        new YamlPropertySourceLoader()
            .load("plugin-worker.yml", new ClassPathResource("plugin-worker.yml"))) {
      environment.getPropertySources().addLast(yml);
    }
    ConfigurationPropertySources.attach(environment);
    return Binder.get(environment);
  }

  @Test
  void defaultsToTheFourCheckingStagesWithATenSecondTimeout() throws IOException {
    PluginWorkerProperties properties =
        binder(Map.of()).bind("codegen.plugin", PluginWorkerProperties.class).get();

    assertThat(properties.order()).containsExactly("extract", "format", "javac", "syntax");
    assertThat(properties.gatesBlockAt()).isEqualTo("medium");
    assertThat(properties.spotbugs()).isFalse();
    assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(properties.concurrency()).isEqualTo(2);
    assertThat(properties.toolTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(properties.maxPollRecords()).isEqualTo(200);
    assertThat(properties.recentJobs()).isEqualTo(100_000);
    assertThat(properties.groupProtocol()).isEqualTo("consumer");
    // A whole batch at the timeout, plus a minute, before the group would evict the stage.
    assertThat(properties.maxPollInterval()).isEqualTo(Duration.ofSeconds(200 * 10 + 60));
  }

  @Test
  void readsTheCodegenEnvironmentVariables() throws IOException {
    Binder binder =
        binder(
            Map.of(
                "CODEGEN_PLUGINS", "extract,javac",
                "CODEGEN_PLUGIN_TIMEOUT", "3s",
                "CODEGEN_PLUGIN_CONCURRENCY", "4",
                "CODEGEN_PLUGIN_TOOL_TIMEOUT", "2s",
                "CODEGEN_PLUGIN_MAX_POLL_RECORDS", "50",
                "CODEGEN_PLUGIN_RECENT_JOBS", "1000",
                "CODEGEN_PLUGIN_GROUP_PROTOCOL", "classic",
                "CODEGEN_KAFKA_PARTITIONS", "12",
                "CODEGEN_KAFKA_REPLICATION_FACTOR", "3"));

    PluginWorkerProperties plugin =
        binder.bind("codegen.plugin", PluginWorkerProperties.class).get();
    TopicProperties topics = binder.bind("codegen.kafka", TopicProperties.class).get();

    assertThat(plugin.order()).isEqualTo(List.of("extract", "javac"));
    assertThat(plugin.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(plugin.concurrency()).isEqualTo(4);
    assertThat(plugin.toolTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(plugin.maxPollRecords()).isEqualTo(50);
    assertThat(plugin.recentJobs()).isEqualTo(1000);
    assertThat(plugin.groupProtocol()).isEqualTo("classic");
    assertThat(plugin.maxPollInterval()).isEqualTo(Duration.ofSeconds(50 * 3 + 60));
    assertThat(topics.partitions()).isEqualTo(12);
    assertThat(topics.replicationFactor()).isEqualTo((short) 3);
  }

  @Test
  void bindsTheTestsSandboxWithItsLimits() throws IOException {
    SandboxSettings defaults =
        binder(Map.of()).bind("codegen.plugin.tests", TestsProperties.class).get().settings();
    SandboxSettings configured =
        binder(Map.of("CODEGEN_TESTS_BWRAP", "/opt/bwrap", "CODEGEN_TESTS_WALL_TIME", "3s"))
            .bind("codegen.plugin.tests", TestsProperties.class)
            .get()
            .settings();

    assertThat(defaults).isEqualTo(SandboxSettings.defaults());
    assertThat(configured)
        .isEqualTo(
            SandboxSettings.defaults().withBwrap("/opt/bwrap").withWallTime(Duration.ofSeconds(3)));
    assertThat(
            new TestsProperties(null, null, null, null, null, null, null, null, null, null, null)
                .settings())
        .isEqualTo(SandboxSettings.defaults());
  }

  @Test
  void fillsDefaultsWhenBoundWithoutTheYml() {
    PluginWorkerProperties properties =
        new PluginWorkerProperties(
            null, null, null, null, null, null, null, null, null, null, null, null);
    TopicProperties topics = new TopicProperties(null, null);

    assertThat(properties.order()).isEqualTo(PluginWorkerProperties.DEFAULT_ORDER);
    assertThat(properties.maxPollRecords()).isEqualTo(200);
    assertThat(properties.recentJobs()).isEqualTo(100_000);
    assertThat(properties.repair()).isTrue();
    assertThat(topics.partitions()).isEqualTo(6);
    assertThat(topics.replicationFactor()).isEqualTo((short) 1);
  }
}
