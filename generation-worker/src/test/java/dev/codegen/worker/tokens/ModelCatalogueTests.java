package dev.codegen.worker.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogueTests {

  private final ModelCatalogue bundled = ModelCatalogue.bundled();

  @Test
  void mapsEachFamilyToItsEncodingAndLimits() {
    assertThat(bundled.family("gpt-4.1"))
        .isEqualTo(new ModelFamily("gpt-4.1", EncodingType.O200K_BASE, 1_047_576, 32_768));
    assertThat(bundled.family("gpt-4.1-nano-2025-04-14").prefix()).isEqualTo("gpt-4.1");
    assertThat(bundled.family("gpt-4o-mini").prefix()).isEqualTo("gpt-4o");
    assertThat(bundled.family("gpt-4o-2024-05-13").maxOutputTokens()).isEqualTo(4096);
    assertThat(bundled.family("gpt-5-mini").contextWindow()).isEqualTo(400_000);
    assertThat(bundled.family("gpt-5-chat-latest").contextWindow()).isEqualTo(128_000);
    assertThat(bundled.family("o1-mini").maxOutputTokens()).isEqualTo(65_536);
    assertThat(bundled.family("o4-mini").encoding()).isEqualTo(EncodingType.O200K_BASE);
    assertThat(bundled.family("gpt-4-0613"))
        .isEqualTo(new ModelFamily("gpt-4", EncodingType.CL100K_BASE, 8192, 8192));
    assertThat(bundled.family("gpt-4-turbo-preview").prefix()).isEqualTo("gpt-4-turbo");
    assertThat(bundled.family("GPT-3.5-Turbo-0125").encoding()).isEqualTo(EncodingType.CL100K_BASE);
    assertThat(bundled.family("ft:gpt-4o-mini-2024-07-18:acme::abc123").prefix())
        .isEqualTo("gpt-4o");
  }

  @Test
  void givesUnknownModelsTheConservativeDefault() {
    ModelFamily fallback = bundled.defaultFamily();

    assertThat(fallback.encoding()).isEqualTo(EncodingType.O200K_BASE);
    assertThat(fallback.contextWindow()).isEqualTo(8192);
    assertThat(bundled.family("llama3.1:8b")).isEqualTo(fallback);
    assertThat(bundled.family(null)).isEqualTo(fallback);
    // A prefix counts only up to a boundary: gpt-4.5 is not gpt-4, o10 is not o1.
    assertThat(bundled.family("gpt-4.5-preview")).isEqualTo(fallback);
    assertThat(bundled.family("o10")).isEqualTo(fallback);
  }

  @Test
  void knowsTheOfflineProvidersModel() {
    assertThat(bundled.family("offline-template-1").prefix()).isEqualTo("offline-template");
    assertThat(bundled.family("offline-template-1").contextWindow())
        .isEqualTo(bundled.family("gpt-4.1").contextWindow());
  }

  @Test
  void takesTheOperatorsEntriesOverTheBundledOnes() {
    ModelCatalogue catalogue =
        bundled.withOverrides(
            """
            [{"prefix": "llama3.1", "encoding": "cl100k_base", "context_window": 131072,
              "max_output_tokens": 4096},
             {"prefix": "gpt-4.1", "context_window": 128000},
             {"prefix": "gpt-4.1-nano", "max_output_tokens": 1000},
             {"prefix": "*", "context_window": 32000, "max_output_tokens": 2000}]
            """);

    assertThat(catalogue.family("llama3.1:70b"))
        .isEqualTo(new ModelFamily("llama3.1", EncodingType.CL100K_BASE, 131_072, 4096));
    // Left-out fields come from the family the prefix belonged to.
    assertThat(catalogue.family("gpt-4.1-mini"))
        .isEqualTo(new ModelFamily("gpt-4.1", EncodingType.O200K_BASE, 128_000, 32_768));
    assertThat(catalogue.family("gpt-4.1-nano"))
        .isEqualTo(new ModelFamily("gpt-4.1-nano", EncodingType.O200K_BASE, 128_000, 1000));
    assertThat(catalogue.family("mistral"))
        .isEqualTo(new ModelFamily("*", EncodingType.O200K_BASE, 32_000, 2000));
    assertThat(catalogue.family("gpt-4").contextWindow()).isEqualTo(8192);
    // The bundled catalogue is unchanged.
    assertThat(bundled.family("gpt-4.1").contextWindow()).isEqualTo(1_047_576);
    assertThat(bundled.withOverrides(" ")).isSameAs(bundled);
  }

  @Test
  void readsTheOperatorsEntriesFromAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("models.json");
    Files.writeString(file, "[{\"prefix\": \"gpt-4o\", \"max_output_tokens\": 4096}]");

    assertThat(bundled.withOverrides(file.toString()).family("gpt-4o").maxOutputTokens())
        .isEqualTo(4096);
  }

  @Test
  void refusesEntriesItCannotUse() {
    assertThatThrownBy(() -> bundled.withOverrides("[{\"prefix\": \"x\", \"encoding\": \"gpt2\"}]"))
        .hasMessageContaining("x: unknown encoding gpt2")
        .hasMessageContaining("cl100k_base");
    assertThatThrownBy(
            () -> bundled.withOverrides("[{\"prefix\": \"x\", \"context_window\": 100}]"))
        .hasMessageContaining("max output tokens 4096 above the context window 100");
    assertThatThrownBy(() -> bundled.withOverrides("[{\"context_window\": 100}]"))
        .hasMessageContaining("no prefix");
    assertThatThrownBy(
            () -> bundled.withOverrides("[{\"prefix\": \"x\", \"context_window\": \"big\"}]"))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> bundled.withOverrides("/no/such/models.json"))
        .hasMessageContaining("neither a JSON array nor a readable file");
    assertThatThrownBy(() -> bundled.withOverrides("[{\"prefix\": "))
        .hasMessageContaining("not JSON");
  }
}
