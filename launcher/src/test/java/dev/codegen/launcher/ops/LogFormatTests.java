package dev.codegen.launcher.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * {@code CODEGEN_LOG_FORMAT} picks Spring Boot's structured console format in each service's
 * configuration: {@code json} is ECS, unset is the text pattern, an unknown value is an error.
 */
class LogFormatTests {

  private static final String PROPERTY = "logging.structured.format.console";

  @ParameterizedTest
  @ValueSource(strings = {"gateway.yml", "generation-worker.yml", "plugin-worker.yml"})
  void jsonIsEcsAndNothingIsText(String file) throws Exception {
    assertThat(environment(file, Map.of()).getProperty(PROPERTY)).isEmpty();
    assertThat(environment(file, Map.of("CODEGEN_LOG_FORMAT", "json")).getProperty(PROPERTY))
        .isEqualTo("ecs");
    assertThat(environment(file, Map.of("CODEGEN_LOG_FORMAT", "logstash")).getProperty(PROPERTY))
        .isEqualTo("logstash");
    assertThatThrownBy(
            () -> environment(file, Map.of("CODEGEN_LOG_FORMAT", "xml")).getProperty(PROPERTY))
        .hasMessageContaining("codegen.log.formats.xml");
  }

  private static StandardEnvironment environment(String file, Map<String, Object> variables)
      throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
    new YamlPropertySourceLoader()
        .load(file, new ClassPathResource(file))
        .forEach(source -> environment.getPropertySources().addLast(source));
    return environment;
  }
}
