package dev.codegen.plugin.syntax;

import dev.codegen.model.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A checker for one language run as a process per job: a compiler or parser that reads the code
 * from a file without running it.
 *
 * @param tool the executable looked up on {@code PATH}
 * @param fileName how the code file is named for the tool, chosen from the code
 * @param arguments the tool's arguments (after the tool itself) for the code file
 * @param parser turns the tool's output into diagnostics, errors and warnings
 * @param versionArguments the arguments that make the tool print its version, or empty
 */
record Checker(
    String tool,
    Function<String, String> fileName,
    Function<Path, List<String>> arguments,
    Function<String, List<Diagnostic>> parser,
    List<String> versionArguments) {}
