package dev.codegen.plugin;

import dev.codegen.model.Attempt;
import dev.codegen.model.CodeGenerated;
import dev.codegen.model.Finding;
import dev.codegen.model.JobIds;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import dev.codegen.model.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Jobs as the generation worker hands them over. */
public final class Fixtures {

  /** A finding the gates let pass, as the generation worker attaches it. */
  public static final Finding WEAK_HASH =
      new Finding(
          "output.insecure_code",
          "python.crypto.md5",
          "CWE-328",
          Severity.LOW,
          3,
          7,
          "hashlib.md5(data)",
          "uses MD5",
          "use hashlib.sha256");

  public static final String HELLO_JAVA_MARKDOWN =
      """
      Here is the class:

      ```java
      public class Hello {
          public static void main(String[] args) { System.out.println("hi"); }
      }
      ```
      """;

  public static final String BROKEN_JAVA =
      "public class Broken {\n  int f() {\n    return missing;\n  }\n}\n";

  private Fixtures() {}

  public static CodeGenerated generated(Language language, String rawOutput) {
    return generated(JobIds.random(), language, rawOutput);
  }

  /** The same job as generated a second time upstream (a rerun): same id, other output. */
  public static CodeGenerated generatedAgain(CodeGenerated job, String rawOutput) {
    return generated(job.jobId(), job.language(), rawOutput);
  }

  /**
   * {@code job} as attempt {@code attempt} of a job that carries its prompt (so it can be
   * repaired), after {@code earlier} attempts, with {@code usage} as the job's tokens so far.
   */
  public static CodeGenerated attempt(
      CodeGenerated job, int attempt, List<Attempt> earlier, TokenUsage usage) {
    return new CodeGenerated(
        job.jobId(),
        job.customId(),
        job.batchId(),
        job.language(),
        job.rawOutput(),
        job.code(),
        job.provider(),
        job.model(),
        job.offline(),
        usage,
        job.reports(),
        job.checks(),
        job.findings(),
        job.metadata(),
        job.generatedAt(),
        "a class that adds two numbers",
        256,
        attempt,
        earlier);
  }

  private static CodeGenerated generated(String jobId, Language language, String rawOutput) {
    return new CodeGenerated(
        jobId,
        "custom-1",
        "batch-1",
        language,
        rawOutput,
        rawOutput,
        "offline",
        "offline-1",
        true,
        TokenUsage.of(10, 20),
        List.of(),
        List.of(WEAK_HASH),
        Map.of("team", "a"),
        Instant.parse("2026-11-26T12:00:00Z"));
  }
}
