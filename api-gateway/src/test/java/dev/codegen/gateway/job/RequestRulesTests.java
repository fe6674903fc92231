package dev.codegen.gateway.job;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.codegen.gateway.job.RequestRules.Checked;
import dev.codegen.gateway.job.RequestRules.Invalid;
import dev.codegen.gateway.job.RequestRules.Valid;
import dev.codegen.gateway.job.RequestRules.Way;
import dev.codegen.gateway.problem.FieldError;
import dev.codegen.model.Language;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestRulesTests {

  private static final String UUID = "0190f4a2-3b5c-7d6e-8f90-a1b2c3d4e5f6";

  private final RequestRules rules =
      new RequestRules(new JobLimits(2048, 100, 3, 40, 10, "refuse"));
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void acceptsAFullRequestAndNormalisesBlankIdsToAbsent() {
    ValidJobRequest valid =
        valid(
            """
            {"prompt":"p","language":"python","max_tokens":512,"model":" ",
             "metadata":{"team":"data"},"custom_id":"c","batch_id":""}
            """);

    assertThat(valid.prompt()).isEqualTo("p");
    assertThat(valid.language()).isEqualTo(Language.PYTHON);
    assertThat(valid.maxTokens()).isEqualTo(512);
    assertThat(valid.model()).isNull();
    assertThat(valid.metadata()).isEqualTo(Map.of("team", "data"));
    assertThat(valid.customId()).isEqualTo("c");
    assertThat(valid.batchId()).isNull();
  }

  @Test
  void treatsJsonNullForAnOptionalFieldAsAbsent() {
    ValidJobRequest valid =
        valid(
            """
            {"prompt":"p","language":"go","max_tokens":null,"model":null,"metadata":null,
             "custom_id":null,"batch_id":null}
            """);

    assertThat(valid.maxTokens()).isNull();
    assertThat(valid.metadata()).isEmpty();
    assertThat(valid.customId()).isNull();
  }

  @Test
  void reportsEveryBrokenFieldAtOnce() {
    assertThat(
            fields(
                """
                {"prompt":123,"language":"Java","max_tokens":"512","model":1,
                 "metadata":{"n":1,"b":true},"custom_id":false,"batch_id":[]}
                """))
        .containsExactly(
            "prompt",
            "language",
            "max_tokens",
            "model",
            "metadata.n",
            "metadata.b",
            "custom_id",
            "batch_id");
  }

  @Test
  void requiresPromptAndLanguage() {
    assertThat(errors("{}"))
        .extracting(FieldError::field, FieldError::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("prompt", "is required"),
            org.assertj.core.groups.Tuple.tuple(
                "language",
                "is required; one of: java, python, javascript, typescript, go, bash, kotlin, rust, c, cpp, csharp, php, ruby, sql"));
    assertThat(fields("{\"prompt\":null,\"language\":null}")).containsExactly("prompt", "language");
  }

  @ParameterizedTest
  @ValueSource(strings = {"123", "true", "[\"p\"]", "{\"a\":\"b\"}"})
  void refusesAPromptThatIsNotAString(String prompt) {
    assertThat(errors("{\"prompt\":" + prompt + ",\"language\":\"go\"}"))
        .containsExactly(new FieldError("prompt", "must be a string"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "\\t\\n",
        "\\u200b",
        "\\u200b\\u200c\\u200d",
        "\\u2060\\ufeff",
        "\\u00a0\\u3000",
        "\\u3164",
        " \\u200b \\u2800 "
      })
  void refusesAPromptOfOnlyWhitespaceOrInvisibleCharacters(String prompt) {
    assertThat(errors("{\"prompt\":\"" + prompt + "\",\"language\":\"go\"}"))
        .containsExactly(new FieldError("prompt", "must not be blank"));
  }

  @Test
  void acceptsAPromptWithVisibleTextAmongInvisibleCharacters() {
    assertThat(valid("{\"prompt\":\"\\u200bx\\u200b\",\"language\":\"go\"}").prompt())
        .isEqualTo("\u200bx\u200b");
  }

  @Test
  void countsPromptLengthInCharactersNotUtf16Units() {
    String emoji = "\\ud83d\\ude00".repeat(100); // 100 characters, 200 UTF-16 units
    assertThat(valid("{\"prompt\":\"" + emoji + "\",\"language\":\"go\"}").prompt()).hasSize(200);
    assertThat(errors("{\"prompt\":\"" + "x".repeat(101) + "\",\"language\":\"go\"}"))
        .containsExactly(new FieldError("prompt", "must be at most 100 characters"));
  }

  @Test
  void refusesNulAnywherePostgresWouldStoreIt() {
    assertThat(
            errors(
                """
                {"prompt":"a\\u0000b","language":"go","metadata":{"k":"v\\u0000"},
                 "custom_id":"c\\u0000"}
                """))
        .containsExactly(
            new FieldError("prompt", "must not contain U+0000 (NUL)"),
            new FieldError("metadata.k", "must not contain U+0000 (NUL)"),
            new FieldError("custom_id", "must not contain control characters or lone surrogates"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\ud800", "a\\udc00b", "\\ude00\\ud83d", "x\\ud83d"})
  void refusesUnpairedSurrogates(String text) {
    assertThat(
            fields(
                "{\"prompt\":\""
                    + text
                    + "\",\"language\":\"go\",\"metadata\":{\"k\":\""
                    + text
                    + "\"},\"model\":\""
                    + text
                    + "\"}"))
        .containsExactly("prompt", "model", "metadata.k");
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void acceptsEveryLanguageByItsWireName(Language language) {
    assertThat(valid("{\"prompt\":\"p\",\"language\":\"" + language.wireName() + "\"}").language())
        .isEqualTo(language);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"java\"", "\"Java\"", "\" java\"", "\"JAVA\"", "\"cobol\"", "1", "[]"})
  void acceptsOnlyTheExactLowercaseWireNameOfALanguage(String language) {
    Checked checked =
        rules.check(tree("{\"prompt\":\"p\",\"language\":" + language + "}"), Way.HTTP);
    if (language.equals("\"java\"")) {
      assertThat(checked).isInstanceOf(Valid.class);
    } else {
      assertThat(((Invalid) checked).errors())
          .containsExactly(
              new FieldError(
                  "language",
                  "must be one of: java, python, javascript, typescript, go, bash, kotlin, rust, c, cpp, csharp, php, ruby, sql"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"512\"", "12.5", "12.0", "1e2", "true", "[1]"})
  void refusesMaxTokensThatIsNotAJsonInteger(String maxTokens) {
    assertThat(errors("{\"prompt\":\"p\",\"language\":\"go\",\"max_tokens\":" + maxTokens + "}"))
        .containsExactly(new FieldError("max_tokens", "must be a JSON integer between 1 and 2048"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "2049", "2147483648", "99999999999999999999999"})
  void refusesMaxTokensOutOfRange(String maxTokens) {
    assertThat(errors("{\"prompt\":\"p\",\"language\":\"go\",\"max_tokens\":" + maxTokens + "}"))
        .containsExactly(new FieldError("max_tokens", "must be between 1 and 2048"));
  }

  @Test
  void clampsMaxTokensAboveTheLimitWhenThePolicySaysSo() {
    RequestRules clamping = new RequestRules(new JobLimits(2048, 100, 3, 40, 10, "clamp"));
    RequestRules.Checked checked =
        clamping.check(
            tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree("{\"prompt\":\"p\",\"language\":\"go\",\"max_tokens\":5000}"),
            RequestRules.Way.HTTP);
    assertThat(((RequestRules.Valid) checked).request().maxTokens()).isEqualTo(2048);
    RequestRules.Checked negative =
        clamping.check(
            tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree("{\"prompt\":\"p\",\"language\":\"go\",\"max_tokens\":0}"),
            RequestRules.Way.HTTP);
    assertThat(negative).isInstanceOf(RequestRules.Invalid.class);
  }

  @Test
  void acceptsMaxTokensAtItsBounds() {
    assertThat(valid("{\"prompt\":\"p\",\"language\":\"go\",\"max_tokens\":1}").maxTokens())
        .isEqualTo(1);
    assertThat(valid("{\"prompt\":\"p\",\"language\":\"go\",\"max_tokens\":2048}").maxTokens())
        .isEqualTo(2048);
  }

  @Test
  void refusesIdsThatAreTooLongOrHoldControlCharacters() {
    assertThat(
            errors(
                """
                {"prompt":"p","language":"go","model":"12345678901","custom_id":"a\\nb",
                 "batch_id":"\\u007f"}
                """))
        .containsExactly(
            new FieldError("model", "must be at most 10 characters"),
            new FieldError("custom_id", "must not contain control characters or lone surrogates"),
            new FieldError("batch_id", "must not contain control characters or lone surrogates"));
  }

  @Test
  void limitsMetadataEntriesAndTotalSize() {
    assertThat(
            errors(
                "{\"prompt\":\"p\",\"language\":\"go\",\"metadata\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\",\"d\":\"4\"}}"))
        .containsExactly(new FieldError("metadata", "must have at most 3 entries"));
    assertThat(
            errors(
                "{\"prompt\":\"p\",\"language\":\"go\",\"metadata\":{\"k\":\""
                    + "v".repeat(40)
                    + "\"}}"))
        .containsExactly(
            new FieldError("metadata", "is too large: at most 40 characters in total"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"k=v\"", "1", "{\"k\":null}", "{\"k\":{\"x\":\"y\"}}"})
  void refusesMetadataThatIsNotAnObjectOfStrings(String metadata) {
    assertThat(fields("{\"prompt\":\"p\",\"language\":\"go\",\"metadata\":" + metadata + "}"))
        .singleElement()
        .asString()
        .startsWith("metadata");
  }

  @Test
  void refusesMetadataKeysWithControlCharacters() {
    assertThat(errors("{\"prompt\":\"p\",\"language\":\"go\",\"metadata\":{\"a\\u0000\":\"v\"}}"))
        .containsExactly(
            new FieldError("metadata", "keys must not contain control characters or surrogates"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"prompt\"", "42", "null", "true"})
  void refusesABodyThatIsNotAJsonObject(String body) {
    assertThat(errors(body)).containsExactly(new FieldError("body", "must be a JSON object"));
    assertThat(rules.check(null, Way.KAFKA)).isInstanceOf(Invalid.class);
  }

  @Test
  void refusesUnknownFieldsOverHttpNamingEach() {
    assertThat(
            errors(
                "{\"prompt\":\"p\",\"language\":\"go\",\"temperature\":1,\"job_id\":\""
                    + UUID
                    + "\"}"))
        .containsExactly(
            new FieldError("temperature", "is not a known field"),
            new FieldError("job_id", "is accepted only on bulk records (Kafka), not over HTTP"));
  }

  @Test
  void reportsAtMostTenUnknownFieldsByNameAndCountsTheRest() {
    StringBuilder body = new StringBuilder("{\"prompt\":\"p\",\"language\":\"go\"");
    for (int i = 0; i < 25; i++) {
      body.append(",\"f").append(i).append("\":1");
    }
    List<FieldError> errors = errors(body + "}");
    assertThat(errors).hasSize(11);
    assertThat(errors.get(10)).isEqualTo(new FieldError("body", "has 15 more unknown fields"));
  }

  @Test
  void shortensUnknownFieldNamesWhenEchoingThem() {
    String name = "n".repeat(1000) + "\\u0001";
    assertThat(errors("{\"prompt\":\"p\",\"language\":\"go\",\"" + name + "\":1}"))
        .singleElement()
        .extracting(FieldError::field)
        .isEqualTo("n".repeat(64) + "...");
  }

  @Test
  void acceptsJobIdAndRequestedAtAndIgnoresUnknownFieldsOnKafka() {
    Checked checked =
        rules.check(
            tree(
                "{\"prompt\":\"p\",\"language\":\"go\",\"job_id\":\""
                    + UUID
                    + "\",\"requested_at\":\"2026-12-07T10:00:00Z\",\"producer\":\"etl\"}"),
            Way.KAFKA);

    assertThat(checked).isInstanceOf(Valid.class);
    assertThat(((Valid) checked).jobId()).isEqualTo(UUID);
    assertThat(((Valid) checked).request().language()).isEqualTo(Language.GO);
  }

  @Test
  void leavesJobIdNullWhenAKafkaRecordCarriesNoneOrNull() {
    assertThat(kafka("{\"prompt\":\"p\",\"language\":\"go\"}")).isInstanceOf(Valid.class);
    assertThat(((Valid) kafka("{\"prompt\":\"p\",\"language\":\"go\",\"job_id\":null}")).jobId())
        .isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"\"",
        "\" \"",
        "\"not-a-uuid\"",
        "\"0190F4A2-3B5C-7D6E-8F90-A1B2C3D4E5F6\"",
        "\"{0190f4a2-3b5c-7d6e-8f90-a1b2c3d4e5f6}\"",
        "42",
        "true"
      })
  void refusesAJobIdThatIsNotACanonicalLowercaseUuid(String jobId) {
    Checked checked = kafka("{\"prompt\":\"p\",\"language\":\"go\",\"job_id\":" + jobId + "}");
    assertThat(((Invalid) checked).errors())
        .containsExactly(new FieldError("job_id", "must be a UUID in lowercase canonical form"));
  }

  @Test
  void appliesEveryOtherRuleToKafkaRecordsToo() {
    Checked checked =
        kafka(
            "{\"prompt\":\"\\u200b\",\"language\":\"Go\",\"max_tokens\":\"5\",\"metadata\":{\"a\":1}}");
    assertThat(((Invalid) checked).errors())
        .extracting(FieldError::field)
        .containsExactly("prompt", "language", "max_tokens", "metadata.a");
  }

  @Test
  void staysFreeOfSpring() {
    noClasses()
        .that()
        .haveSimpleName("RequestRules")
        .or()
        .haveSimpleName("RequestText")
        .or()
        .haveSimpleName("MetadataRules")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..")
        .check(
            new ClassFileImporter()
                .importClasses(RequestRules.class, RequestText.class, MetadataRules.class));
  }

  private ValidJobRequest valid(String body) {
    Checked checked = rules.check(tree(body), Way.HTTP);
    assertThat(checked).isInstanceOf(Valid.class);
    assertThat(((Valid) checked).jobId()).isNull();
    return ((Valid) checked).request();
  }

  private Checked kafka(String body) {
    return rules.check(tree(body), Way.KAFKA);
  }

  private List<FieldError> errors(String body) {
    Checked checked = rules.check(tree(body), Way.HTTP);
    assertThat(checked).isInstanceOf(Invalid.class);
    return ((Invalid) checked).errors();
  }

  private List<String> fields(String body) {
    return errors(body).stream().map(FieldError::field).toList();
  }

  private JsonNode tree(String body) {
    return json.readTree(body);
  }
}
