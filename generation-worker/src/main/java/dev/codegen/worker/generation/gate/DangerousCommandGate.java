package dev.codegen.worker.generation.gate;

import java.util.List;

/** Generated code that would destroy a machine or run code fetched from the network. */
final class DangerousCommandGate extends PatternGate {

  static final String NAME = "output.dangerous_commands";

  DangerousCommandGate() {
    super(
        NAME,
        List.of(
            Rule.of(
                    "command.rm_rf_root",
                    "\\brm\\s+(-{1,2}[\\w-]+\\s+)*(-[a-z]*r[a-z]*|--recursive)\\s+(-{1,2}[\\w-]+\\s+)*"
                        + "[\"']?(/\\*?|~/?|\\$HOME/?|\\$\\{HOME}/?)[\"']?(?=\\s|$|[;&|)])"
                        + "|--no-preserve-root",
                    "deletes the root or home directory recursively")
                .onlyWith("rm ", "rm\t", "rm\n", "rm\r", "rm\f", "rm\u000b", "--no-preserve-root"),
            Rule.of(
                    "command.pipe_to_shell",
                    "\\b(curl|wget)\\b[^\\n|]*\\|\\s*(sudo\\s+)?(ba|z|k|da)?sh\\b",
                    "pipes a download straight into a shell")
                .onlyWith("curl", "wget"),
            Rule.of(
                    "command.fork_bomb",
                    ":\\(\\)\\s*\\{\\s*:\\s*\\|\\s*:\\s*&\\s*}\\s*;\\s*:",
                    "contains a fork bomb")
                .onlyWith(":("),
            Rule.of("command.mkfs", "\\bmkfs(\\.\\w+)?\\s+\\S", "formats a file system")
                .onlyWith("mkfs"),
            Rule.of(
                    "command.disk_overwrite",
                    "\\bdd\\s+[^\\n]*\\bof=/dev/(sd|hd|nvme|xvd|vd|disk)|>\\s*/dev/sd[a-z]\\b",
                    "overwrites a raw disk device")
                .onlyWith("/dev/"),
            Rule.of(
                    "command.chmod_world_root",
                    "\\bchmod\\s+(-R\\s+)?0?777\\s+/(?=\\s|$|[;&|])",
                    "makes the whole file system world-writable")
                .onlyWith("chmod")));
  }
}
