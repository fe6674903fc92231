package dev.codegen.plugin.security;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codegen.model.Language;
import dev.codegen.plugin.pipeline.Artifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Our own small insecure and safe programs per analyser, and the tools on this machine. */
final class SecurityFixtures {

  static final ExternalTool TOOLS = ExternalTool.fromEnvironment(Duration.ofSeconds(20));

  private SecurityFixtures() {}

  static String read(String name) {
    try (InputStream in = SecurityFixtures.class.getResourceAsStream("/security/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Artifact artifact(Language language, String fixture) {
    return new Artifact("job-1", language, read(fixture));
  }

  /** Skips (never passes) a test whose analyser is not installed here. */
  static void assumeInstalled(String tool) {
    assumeTrue(
        TOOLS.find(tool).isPresent(), tool + " is not on PATH (bin/setup-checkers installs it)");
  }
}
