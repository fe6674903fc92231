package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codegen.plugin.PluginWorkerApplication;
import org.junit.jupiter.api.Test;

class PluginWorkerStartupTests {

  @Test
  void refusesToStartWithAnUnknownPluginAndSaysWhich() {
    assertThatThrownBy(
            () ->
                PluginWorkerApplication.builder()
                    .properties(
                        "codegen.plugins=extract,lint,javac",
                        "spring.kafka.bootstrap-servers=127.0.0.1:1")
                    .run())
        .rootCause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown plugin 'lint'")
        .hasMessageContaining("known plugins: [extract, format, javac, syntax, security, tests]");
  }
}
