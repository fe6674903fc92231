package dev.codegen.plugin.tests;

/**
 * How a sandboxed run ended.
 *
 * @param exitCode the exit code (128 + signal when a signal ended it), or -1 when it was killed at
 *     the wall time
 * @param output stdout and stderr together, cut at the configured size
 * @param timedOut whether it was killed at the wall time
 * @param truncated whether output was cut
 * @param millis how long it took, sandbox start included
 */
record SandboxRun(int exitCode, String output, boolean timedOut, boolean truncated, long millis) {}
