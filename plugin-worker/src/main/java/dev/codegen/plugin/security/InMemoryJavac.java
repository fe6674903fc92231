package dev.codegen.plugin.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles one Java source in memory against the JDK alone, with line numbers (SpotBugs reports by
 * line), and hands back the class files' bytes. Nothing is written to disk, loaded or run.
 */
final class InMemoryJavac {

  // -proc:none: annotation processors are code; we never run any.
  private static final List<String> OPTIONS =
      List.of("-proc:none", "-Xlint:none", "-g:source,lines", "-nowarn");

  /**
   * The class files by binary name, empty when the code did not compile.
   *
   * @param firstError the first compiler error, or an empty string
   */
  record Result(Map<String, byte[]> classes, String firstError) {}

  private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();

  boolean available() {
    return compiler != null;
  }

  Result compile(String code) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
    Map<String, byte[]> classes = new ConcurrentHashMap<>();
    try (JavaFileManager files = new Capturing(standard, classes)) {
      standard.setLocation(StandardLocation.CLASS_PATH, List.of());
      boolean ok =
          compiler
              .getTask(null, files, diagnostics, OPTIONS, null, List.of(new Source(code)))
              .call();
      String first =
          diagnostics.getDiagnostics().stream()
              .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
              .findFirst()
              .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
              .orElse("");
      return ok ? new Result(Map.copyOf(classes), "") : new Result(Map.of(), first);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A source whose file name fits any public class, so no type name has to be guessed. */
  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String code) {
      super(URI.create("string:///Generated.java"), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public boolean isNameCompatible(String simpleName, Kind kind) {
      return kind == Kind.SOURCE;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }

  private static final class Capturing extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private final Map<String, byte[]> classes;

    Capturing(StandardJavaFileManager standard, Map<String, byte[]> classes) {
      super(standard);
      this.classes = classes;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
        Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
      return new SimpleJavaFileObject(
          URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
        @Override
        public OutputStream openOutputStream() {
          return new ByteArrayOutputStream() {
            @Override
            public void close() {
              classes.put(className, toByteArray());
            }
          };
        }
      };
    }
  }
}
