package dev.codegen.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.gateway.problem.FieldError;
import dev.codegen.gateway.problem.InvalidRequestException;
import dev.codegen.model.Language;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobRequestValidatorTests {

  private final JobRequestValidator validator =
      new JobRequestValidator(new JobLimits(2048, 100, 3, 40, 10));

  @Test
  void normalisesAnAcceptableRequest() {
    ValidJobRequest valid =
        validator.validate(new GenerateRequest("p", " Python ", 512L, " ", null, "c", ""));

    assertThat(valid.language()).isEqualTo(Language.PYTHON);
    assertThat(valid.maxTokens()).isEqualTo(512);
    assertThat(valid.model()).isNull();
    assertThat(valid.metadata()).isEmpty();
    assertThat(valid.customId()).isEqualTo("c");
    assertThat(valid.batchId()).isNull();
  }

  @Test
  void rejectsBlankPromptAndMissingLanguage() {
    assertThat(errors(new GenerateRequest(null, null, null, null, null, null, null)))
        .extracting(FieldError::field)
        .containsExactly("prompt", "language");
    assertThat(errors(new GenerateRequest(" ", "java", null, null, null, null, null)))
        .extracting(FieldError::field)
        .containsExactly("prompt");
  }

  @Test
  void rejectsPromptOverTheCharacterLimit() {
    assertThat(errors(new GenerateRequest("x".repeat(101), "java", null, null, null, null, null)))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("100"));
  }

  @Test
  void rejectsUnknownLanguageListingTheSupportedOnes() {
    assertThat(errors(new GenerateRequest("p", "cobol", null, null, null, null, null)))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("java", "python", "bash"));
  }

  @Test
  void rejectsMaxTokensOutsideOneToTheLimit() {
    assertThat(errors(new GenerateRequest("p", "go", 0L, null, null, null, null)))
        .extracting(FieldError::field)
        .containsExactly("max_tokens");
    assertThat(errors(new GenerateRequest("p", "go", 2049L, null, null, null, null)))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("2048"));
    assertThat(validator.validate(new GenerateRequest("p", "go", 2048L, null, null, null, null)))
        .isNotNull();
  }

  @Test
  void rejectsTooLargeMetadataAndLongIds() {
    Map<String, String> many = Map.of("a", "1", "b", "2", "c", "3", "d", "4");
    assertThat(errors(new GenerateRequest("p", "go", null, null, many, null, null)))
        .extracting(FieldError::field)
        .containsExactly("metadata");
    Map<String, String> big = Map.of("k", "v".repeat(50));
    assertThat(errors(new GenerateRequest("p", "go", null, null, big, null, null)))
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("too large"));
    Map<String, String> withNull = new HashMap<>();
    withNull.put("k", null);
    assertThat(errors(new GenerateRequest("p", "go", null, null, withNull, null, null)))
        .extracting(FieldError::field)
        .containsExactly("metadata");
    assertThat(
            errors(
                new GenerateRequest(
                    "p", "go", null, "m".repeat(11), null, "c".repeat(11), "b".repeat(11))))
        .extracting(FieldError::field)
        .containsExactly("model", "custom_id", "batch_id");
  }

  private List<FieldError> errors(GenerateRequest request) {
    try {
      validator.validate(request);
    } catch (InvalidRequestException e) {
      return e.errors();
    }
    throw new AssertionError("expected a validation failure");
  }
}
