package dev.codegen.plugin.syntax;

import java.util.List;

/**
 * A formatter run as a process per job: it reads the code on standard input and prints it formatted
 * on standard output; a non-zero exit means it could not read the code.
 *
 * @param tool the executable looked up on {@code PATH}
 * @param fileName the file the code is written to (the tool reads it as standard input)
 * @param arguments the tool's arguments after the tool itself
 * @param versionArguments the arguments that make the tool print its version
 * @param install where the tool comes from, for the message when it is missing
 */
record Formatter(
    String tool,
    String fileName,
    List<String> arguments,
    List<String> versionArguments,
    String install) {}
