package dev.codegen.launcher;

/** Runs the whole service in one JVM: embedded Kafka, embedded PostgreSQL, all three services. */
public final class CodegenLauncher {

  private CodegenLauncher() {}

  public static void main(String[] args) {
    throw new UnsupportedOperationException("not built yet");
  }
}
