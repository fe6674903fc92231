package dev.codegen.plugin.security;

/**
 * How an external analyser's process ended.
 *
 * @param exitCode the exit code, or -1 when it was killed
 * @param stdout its standard output, possibly truncated
 * @param stderr its standard error, possibly truncated
 * @param timedOut whether it was killed for overrunning its limit
 */
record ProcessRun(int exitCode, String stdout, String stderr, boolean timedOut) {}
