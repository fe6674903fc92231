package dev.codegen.plugin.javac;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.PluginResult;
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
 * and discarded, nothing executed. Only the JDK is on the class path, so the verdict does not
 * depend on which jars the worker happens to run with. Other languages are skipped.
 */
public final class JavacPlugin implements Plugin {

  public static final String NAME = "javac";

  /** More findings than this add nothing for a reader, only size to every record. */
  static final int MAX_DIAGNOSTICS = 50;

  // -proc:none: annotation processors are code; we never run any.
  private static final List<String> OPTIONS = List.of("-proc:none", "-Xlint:none", "-g:none");

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
      String summary =
          ok
              ? "compiled " + typeName + ".java (" + files.bytesWritten() + " bytes of classes)"
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
