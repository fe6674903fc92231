package dev.codegen.plugin.javac;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * Keeps every class file javac writes in memory and drops it: the check only needs diagnostics, and
 * generated code must never reach the disk as something loadable.
 */
final class InMemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {

  private long bytesWritten;

  InMemoryFileManager(StandardJavaFileManager standard) {
    super(standard);
  }

  @Override
  public JavaFileObject getJavaFileForOutput(
      JavaFileManager.Location location,
      String className,
      JavaFileObject.Kind kind,
      FileObject sibling) {
    return new SimpleJavaFileObject(
        URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
      @Override
      public OutputStream openOutputStream() {
        return new ByteArrayOutputStream() {
          @Override
          public void close() {
            bytesWritten += size();
          }
        };
      }
    };
  }

  /** How many class file bytes javac produced, for the report. */
  long bytesWritten() {
    return bytesWritten;
  }
}
