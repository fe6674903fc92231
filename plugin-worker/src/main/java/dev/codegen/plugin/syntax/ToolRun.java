package dev.codegen.plugin.syntax;

/**
 * How an external checker run ended.
 *
 * @param exitCode the process exit code, or -1 when it was killed
 * @param output its stdout and stderr together, possibly truncated
 * @param timedOut whether it was killed for overrunning its time limit
 */
record ToolRun(int exitCode, String output, boolean timedOut) {}
