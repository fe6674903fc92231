package dev.codegen.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.worker.tokens.ModelCatalogue;
import org.junit.jupiter.api.Test;

/** The {@code model} tag stays bounded whatever model a request names. */
class ModelTagTests {

  private static final ModelCatalogue CATALOGUE = ModelCatalogue.bundled();

  @Test
  void theConfiguredModelKeepsItsNameOthersTheirFamilyUnknownOnesOther() {
    assertThat(GenerationConfiguration.modelTag("offline-template", "offline-template", CATALOGUE))
        .isEqualTo("offline-template");
    assertThat(GenerationConfiguration.modelTag("gpt-4.1-2025-04-14", "gpt-5", CATALOGUE))
        .isEqualTo("gpt-4.1");
    assertThat(GenerationConfiguration.modelTag("my-own-model-123", "gpt-5", CATALOGUE))
        .isEqualTo("other");
    assertThat(GenerationConfiguration.modelTag(null, "gpt-5", CATALOGUE)).isEqualTo("unknown");
  }
}
