package dev.codegen.plugin.syntax;

import dev.codegen.model.Language;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.PluginResult;
import dev.codegen.plugin.pipeline.ToolStatus;
import dev.codegen.plugin.pipeline.UsesTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Formats non-Java code with its ecosystem's standard formatter, each in its own default style:
 * black (Python) and prettier (JavaScript, TypeScript) inside the long-lived checker processes;
 * gofmt, rustfmt, clang-format (C, C++; LLVM style) and shfmt (Bash) as a process per job. Kotlin,
 * C#, PHP, Ruby and SQL have no standard formatter installable here and are skipped.
 *
 * <p>Formatting is not a check: code a formatter cannot read is passed on unchanged, {@code
 * skipped} with the formatter's reason (the syntax stage then fails it with its own diagnostics). A
 * formatter that is not installed, overran or broke leaves the code unchanged too; with {@code
 * required} that also makes the job's checks incomplete ({@code tool_missing}, {@code timeout},
 * {@code error}), without it the report only says so.
 */
public final class SourceFormatPlugin implements Plugin, UsesTools {

  public static final String NAME = "format";

  /** Formatters in the long-lived processes: the pool's tool and the name in its ready line. */
  static final Map<Language, String> POOLED =
      Map.of(
          Language.PYTHON,
          CheckerPools.PYTHON,
          Language.JAVASCRIPT,
          CheckerPools.NODE,
          Language.TYPESCRIPT,
          CheckerPools.NODE);

  /** Formatters started per job. */
  static final Map<Language, Formatter> PER_JOB = perJob();

  private final CheckerPools pools;
  private final ToolRunner runner;
  private final Duration timeout;
  private final boolean required;

  /**
   * @param pools the long-lived Python and Node processes (shared with the syntax stage)
   * @param timeout the limit per formatter run
   * @param required whether a formatter that could not run makes the job's checks incomplete
   */
  public SourceFormatPlugin(CheckerPools pools, Duration timeout, boolean required) {
    this.pools = pools;
    this.runner = new ToolRunner(timeout);
    this.timeout = timeout;
    this.required = required;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ToolStatus> tools(Language language) {
    String pooled = POOLED.get(language);
    if (pooled != null) {
      String tool = language == Language.PYTHON ? "black" : "prettier";
      Map<String, Object> hello = pools.hello(pooled);
      Object version = hello.get(language == Language.PYTHON ? "formatter" : "prettier");
      if (version == null) {
        String why =
            hello.isEmpty()
                ? pools.failure(pooled)
                : language == Language.PYTHON
                    ? "black is not installed (Debian package black)"
                    : "prettier is not installed (bin/setup-checkers installs it from npm)";
        return List.of(ToolStatus.missing("format", tool, why));
      }
      String shown = language == Language.PYTHON ? version.toString() : "prettier " + version;
      return List.of(ToolStatus.found("format", tool, shown + " in the " + pooled + " checker"));
    }
    Formatter formatter = PER_JOB.get(language);
    if (formatter == null) {
      return List.of();
    }
    Optional<Path> path = pools.locator().find(formatter.tool());
    return List.of(
        path.isEmpty()
            ? ToolStatus.missing(
                "format", formatter.tool(), "not on PATH (" + formatter.install() + ")")
            : ToolStatus.found(
                "format",
                formatter.tool(),
                runner.version(path.get(), formatter.versionArguments()) + ", a process per job"));
  }

  @Override
  public PluginResult apply(Artifact artifact) {
    Language language = artifact.language();
    String pooled = language == null ? null : POOLED.get(language);
    if (pooled != null) {
      return pooledFormat(artifact, pooled);
    }
    Formatter formatter = language == null ? null : PER_JOB.get(language);
    if (formatter == null) {
      return PluginResult.unchanged(
          artifact,
          NAME,
          PluginVerdict.SKIPPED,
          "no standard formatter for "
              + (language == null ? "an unknown language" : language.wireName()),
          List.of());
    }
    return perJobFormat(artifact, formatter);
  }

  private PluginResult pooledFormat(Artifact artifact, String tool) {
    String formatter = artifact.language() == Language.PYTHON ? "black" : "prettier";
    Optional<CheckerPool> pool = pools.pool(tool);
    if (pool.isEmpty()) {
      return notRun(artifact, MissingCheck.Reason.TOOL_MISSING, pools.failure(tool));
    }
    CheckAnswer answer =
        pool.get()
            .ask(
                CheckerProcess.Task.FORMAT,
                artifact.language().wireName(),
                artifact.code(),
                timeout);
    return switch (answer.kind()) {
      case FORMATTED -> formatted(artifact, formatter, answer.formatted());
      case UNFORMATTED -> unreadable(artifact, answer.detail());
      case MISSING -> notRun(artifact, MissingCheck.Reason.TOOL_MISSING, answer.detail());
      case TIMEOUT ->
          notRun(artifact, MissingCheck.Reason.TIMEOUT, formatter + " " + answer.detail());
      case ERROR, CHECKED ->
          notRun(artifact, MissingCheck.Reason.ERROR, formatter + ": " + answer.detail());
    };
  }

  private PluginResult perJobFormat(Artifact artifact, Formatter formatter) {
    Optional<Path> tool = pools.locator().find(formatter.tool());
    if (tool.isEmpty()) {
      return notRun(
          artifact,
          MissingCheck.Reason.TOOL_MISSING,
          formatter.tool() + " is not installed (" + formatter.install() + ")");
    }
    ToolRunner.SplitRun run =
        runner.runSplit(
            artifact.code(),
            formatter.fileName(),
            file ->
                Stream.concat(Stream.of(tool.get().toString()), formatter.arguments().stream())
                    .toList());
    if (run.timedOut()) {
      return notRun(
          artifact,
          MissingCheck.Reason.TIMEOUT,
          formatter.tool() + " exceeded " + timeout + "; killed");
    }
    if (run.exitCode() != 0) {
      String first = run.errors().strip().lines().findFirst().orElse("exit " + run.exitCode());
      return unreadable(artifact, formatter.tool() + " cannot parse it: " + first);
    }
    if (run.truncated()) {
      return notRun(
          artifact, MissingCheck.Reason.ERROR, formatter.tool() + " output too large; not used");
    }
    return formatted(artifact, formatter.tool(), run.output());
  }

  private static PluginResult formatted(Artifact artifact, String tool, String code) {
    if (code.isBlank() && !artifact.code().isBlank()) {
      // Never hand on less than we got: an empty answer is the formatter's failure.
      return PluginResult.unchanged(
          artifact,
          NAME,
          PluginVerdict.SKIPPED,
          "not formatted: " + tool + " printed nothing",
          List.of());
    }
    String summary =
        code.equals(artifact.code()) ? "already " + tool + " clean" : "reformatted with " + tool;
    return PluginResult.changed(code, NAME, PluginVerdict.PASSED, summary);
  }

  /** The code does not parse: it stays as it was; the syntax stage reports where. */
  private static PluginResult unreadable(Artifact artifact, String why) {
    return PluginResult.unchanged(
        artifact, NAME, PluginVerdict.SKIPPED, "not formatted: " + why, List.of());
  }

  private PluginResult notRun(Artifact artifact, MissingCheck.Reason reason, String why) {
    if (required) {
      return PluginResult.notChecked(artifact, NAME, reason, "not formatted: " + why);
    }
    PluginVerdict verdict =
        switch (reason) {
          case TIMEOUT -> PluginVerdict.TIMEOUT;
          case ERROR -> PluginVerdict.ERROR;
          case TOOL_MISSING, NO_CHECKER -> PluginVerdict.SKIPPED;
        };
    return PluginResult.unchanged(artifact, NAME, verdict, "not formatted: " + why, List.of());
  }

  private static Map<Language, Formatter> perJob() {
    Map<Language, Formatter> formatters = new EnumMap<>(Language.class);
    formatters.put(
        Language.GO,
        new Formatter("gofmt", "snippet.go", List.of(), List.of(), "Debian package golang-go"));
    formatters.put(
        Language.RUST,
        new Formatter(
            "rustfmt",
            "snippet.rs",
            List.of("--edition", "2021", "--emit", "stdout"),
            List.of("--version"),
            "Debian package rustfmt"));
    // An explicit style: otherwise clang-format looks for a .clang-format above the temp directory.
    for (Language c : List.of(Language.C, Language.CPP)) {
      formatters.put(
          c,
          new Formatter(
              "clang-format",
              c == Language.C ? "snippet.c" : "snippet.cpp",
              List.of("--style=LLVM", "--assume-filename=" + (c == Language.C ? "a.c" : "a.cpp")),
              List.of("--version"),
              "Debian package clang-format"));
    }
    formatters.put(
        Language.BASH,
        new Formatter(
            "shfmt",
            "snippet.sh",
            List.of("-ln", "bash"),
            List.of("--version"),
            "Debian package shfmt"));
    return Map.copyOf(formatters);
  }
}
