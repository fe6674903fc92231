package dev.codegen.plugin.syntax;

import dev.codegen.model.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A syntax-only checker for one language: an external tool that parses code without running it.
 *
 * @param tool the executable looked up on {@code PATH}
 * @param fileName how the code file is named for the tool, chosen from the code
 * @param arguments the tool's arguments for the code file
 * @param parser turns the tool's output into diagnostics
 */
record Checker(
    String tool,
    Function<String, String> fileName,
    Function<Path, List<String>> arguments,
    Function<String, List<Diagnostic>> parser) {}
