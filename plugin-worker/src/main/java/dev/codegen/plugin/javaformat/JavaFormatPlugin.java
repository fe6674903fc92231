package dev.codegen.plugin.javaformat;

import com.google.googlejavaformat.FormatterDiagnostic;
import com.google.googlejavaformat.java.Formatter;
import com.google.googlejavaformat.java.FormatterException;
import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.PluginResult;
import dev.codegen.plugin.pipeline.ToolStatus;
import dev.codegen.plugin.pipeline.UsesTools;
import java.util.List;

/**
 * Formats Java with google-java-format (and removes unused imports). Other languages are skipped.
 *
 * <p>Code that does not parse is reported {@code skipped} with the parse errors as diagnostics, not
 * {@code failed}: formatting is not a check, and the javac stage fails the job with better
 * diagnostics. Nor is it {@code error}, which the contract reserves for a plugin that broke itself,
 * e.g. a JVM started without the {@link #REQUIRED_JVM_FLAGS}.
 */
public final class JavaFormatPlugin implements Plugin, UsesTools {

  public static final String NAME = "format";

  /**
   * The flags google-java-format needs on Java 17+; the surefire argLine and launchers pass them.
   */
  public static final List<String> REQUIRED_JVM_FLAGS =
      List.of("api", "code", "file", "parser", "tree", "util").stream()
          .map(p -> "--add-exports=jdk.compiler/com.sun.tools.javac." + p + "=ALL-UNNAMED")
          .toList();

  private final Formatter formatter = new Formatter();

  @Override
  public String name() {
    return NAME;
  }

  /** Whether this JVM was started with the exports google-java-format needs. */
  public static boolean jvmFlagsPresent() {
    Module self = JavaFormatPlugin.class.getModule();
    return ModuleLayer.boot()
        .findModule("jdk.compiler")
        .map(
            javac ->
                List.of("api", "code", "file", "parser", "tree", "util").stream()
                    .allMatch(p -> javac.isExported("com.sun.tools.javac." + p, self)))
        .orElse(false);
  }

  /** google-java-format, in this JVM, for Java; missing when the JVM lacks its flags. */
  @Override
  public List<ToolStatus> tools(Language language) {
    if (language != Language.JAVA) {
      return List.of();
    }
    return List.of(
        jvmFlagsPresent()
            ? ToolStatus.found("format", "google-java-format", "google-java-format in the JVM")
            : ToolStatus.missing(
                "format",
                "google-java-format",
                "the JVM lacks " + String.join(" ", REQUIRED_JVM_FLAGS)));
  }

  @Override
  public PluginResult apply(Artifact artifact) {
    if (artifact.language() != Language.JAVA) {
      return PluginResult.unchanged(
          artifact, NAME, PluginVerdict.SKIPPED, "google-java-format formats Java only", List.of());
    }
    try {
      String formatted = formatter.formatSourceAndFixImports(artifact.code());
      String summary =
          formatted.equals(artifact.code())
              ? "already google-java-format clean"
              : "reformatted with google-java-format";
      return PluginResult.changed(formatted, NAME, PluginVerdict.PASSED, summary);
    } catch (FormatterException e) {
      List<Diagnostic> diagnostics =
          e.diagnostics().stream().map(JavaFormatPlugin::toDiagnostic).toList();
      return PluginResult.unchanged(
          artifact,
          NAME,
          PluginVerdict.SKIPPED,
          "not formatted: the code does not parse (" + diagnostics.size() + " error(s))",
          diagnostics);
    } catch (IllegalAccessError e) {
      return PluginResult.unchanged(
          artifact,
          NAME,
          PluginVerdict.ERROR,
          "google-java-format cannot reach javac internals; start the JVM with "
              + String.join(" ", REQUIRED_JVM_FLAGS),
          List.of());
    }
  }

  private static Diagnostic toDiagnostic(FormatterDiagnostic d) {
    // google-java-format passes javac's 1-based line and column through.
    return new Diagnostic(
        Math.max(d.line(), 0), Math.max(d.column(), 0), "error", "format.parse", d.message());
  }
}
