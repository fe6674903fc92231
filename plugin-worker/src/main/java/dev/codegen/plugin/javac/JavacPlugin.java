package dev.codegen.plugin.javac;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.PluginResult;
import dev.codegen.plugin.pipeline.ToolStatus;
import dev.codegen.plugin.pipeline.UsesTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles Java in memory with the JDK's compiler: sources from strings, class files kept in memory
 * and discarded, nothing executed. Lint warnings ({@code -Xlint}) travel with a pass. Only the JDK
 * is on the class path, so the verdict does not depend on which jars the worker happens to run
 * with. Other languages are skipped.
 */
public final class JavacPlugin implements Plugin, UsesTools {

  public static final String NAME = "javac";

  /** More findings than this add nothing for a reader, only size to every record. */
  static final int MAX_DIAGNOSTICS = 50;

  // -proc:none: annotation processors are code; we never run any. -Xlint: every lint but those
  // about the compile itself (path, options, classfile, processing) and serialVersionUID, which
  // a snippet never needs: its warnings travel with a pass.
  static final String LINT = "-Xlint:all,-serial,-path,-options,-classfile,-processing";

  private static final List<String> OPTIONS = List.of("-proc:none", LINT, "-g:none");

  private final JavaCompiler compiler;

  public JavacPlugin() {
    this(ToolProvider.getSystemJavaCompiler());
  }

  JavacPlugin(JavaCompiler compiler) {
    this.compiler = compiler;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean isCheck() {
    return true;
  }

  /** The in-memory compiler and its {@code -Xlint} for Java. */
  @Override
  public List<ToolStatus> tools(Language language) {
    if (language != Language.JAVA) {
      return List.of();
    }
    if (compiler == null) {
      return List.of(
          ToolStatus.missing("check", "javac", "no system Java compiler (a JRE, not a JDK)"));
    }
    String javac = "javac " + Runtime.version().feature() + " in memory";
    return List.of(
        ToolStatus.found("check", "javac", javac),
        ToolStatus.found("lint", "javac -Xlint", javac + " (" + LINT + ")"));
  }

  @Override
  public PluginResult apply(Artifact artifact) {
    if (artifact.language() != Language.JAVA) {
      return PluginResult.unchanged(
          artifact, NAME, PluginVerdict.SKIPPED, "javac checks Java only", List.of());
    }
    if (compiler == null) {
      return PluginResult.notChecked(
          artifact,
          NAME,
          MissingCheck.Reason.TOOL_MISSING,
          "no system Java compiler (running on a JRE without jdk.compiler)");
    }
    String typeName = PublicTypeName.of(artifact.code());
    DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
    // A file manager per compile: the standard one is not safe to share between threads.
    StandardJavaFileManager standard =
        compiler.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8);
    try (InMemoryFileManager files = new InMemoryFileManager(standard)) {
      standard.setLocation(StandardLocation.CLASS_PATH, List.of());
      boolean ok =
          compiler
              .getTask(
                  null,
                  files,
                  collector,
                  OPTIONS,
                  null,
                  List.of(new SourceString(typeName, artifact.code())))
              .call();
      List<Diagnostic> diagnostics =
          collector.getDiagnostics().stream()
              .filter(d -> d.getKind() != javax.tools.Diagnostic.Kind.NOTE)
              .limit(MAX_DIAGNOSTICS)
              .map(JavacPlugin::toDiagnostic)
              .toList();
      long errors = diagnostics.stream().filter(d -> d.severity().equals("error")).count();
      long warnings = diagnostics.stream().filter(d -> d.severity().equals("warning")).count();
      String summary =
          ok
              ? "compiled "
                  + typeName
                  + ".java ("
                  + files.bytesWritten()
                  + " bytes of classes)"
                  + (warnings > 0 ? ", " + warnings + " lint warning(s)" : "")
              : "compilation of " + typeName + ".java failed with " + errors + " error(s)";
      return PluginResult.unchanged(
          artifact, NAME, ok ? PluginVerdict.PASSED : PluginVerdict.FAILED, summary, diagnostics);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Diagnostic toDiagnostic(javax.tools.Diagnostic<? extends JavaFileObject> d) {
    String severity =
        switch (d.getKind()) {
          case ERROR -> "error";
          case WARNING, MANDATORY_WARNING -> "warning";
          default -> "info";
        };
    return new Diagnostic(
        Math.max(d.getLineNumber(), 0),
        Math.max(d.getColumnNumber(), 0),
        severity,
        d.getCode(),
        d.getMessage(Locale.ROOT));
  }
}
