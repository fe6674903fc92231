package dev.codegen.plugin.tests;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a command on one file of code inside bubblewrap: no network (every namespace unshared), the
 * system read-only ({@code /usr} and its links, a few files of {@code /etc}; the sandbox's own root
 * and {@code /dev} too), size-limited private tmpfs for the work directory (holding only the code),
 * {@code /tmp} and {@code /dev/shm}, no capabilities, a new session, an empty environment, and
 * {@code prlimit} limits on CPU time, address space, processes, file size and core dumps. Killed,
 * with every process in it, at the wall time; bubblewrap's {@code --die-with-parent} and the PID
 * namespace take the rest down with it.
 *
 * <p>The limits are set inside the sandbox (after the user namespace exists), so the process limit
 * counts the sandbox's processes only, not the worker's threads. Root is exempt from that limit:
 * when the worker runs as root, bubblewrap is started through {@code setpriv} as an unprivileged
 * user.
 */
public final class Sandbox {

  /** The work directory inside the sandbox, a tmpfs holding only the code. */
  public static final String WORK = "/work";

  private static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib64");
  private static final List<String> ETC =
      List.of(
          "/etc/alternatives",
          "/etc/ld.so.cache",
          "/etc/ld.so.conf",
          "/etc/ld.so.conf.d",
          "/etc/localtime");
  private static final String PRLIMIT = "/usr/bin/prlimit";
  private static final String SETPRIV = "/usr/bin/setpriv";

  private final SandboxSettings settings;
  private volatile Optional<String> unavailable;

  public Sandbox(SandboxSettings settings) {
    this.settings = settings;
  }

  public SandboxSettings settings() {
    return settings;
  }

  /**
   * Why generated code cannot run here (bubblewrap missing, or refused: user namespaces off), or
   * empty when the sandbox works. Found by starting an empty sandbox once; remembered.
   */
  public Optional<String> unavailable() {
    Optional<String> known = unavailable;
    if (known == null) {
      synchronized (this) {
        if (unavailable == null) {
          unavailable = probe();
        }
        known = unavailable;
      }
    }
    return known;
  }

  private Optional<String> probe() {
    Optional<Path> bwrap = bwrap();
    if (bwrap.isEmpty()) {
      return Optional.of(
          "bubblewrap is not installed ("
              + settings.bwrap()
              + " not found; bin/setup-checkers installs it)");
    }
    if (!Files.isExecutable(Path.of(PRLIMIT))) {
      return Optional.of(PRLIMIT + " is missing (util-linux): the sandbox could not set limits");
    }
    if (runningAsRoot() && !Files.isExecutable(Path.of(SETPRIV))) {
      return Optional.of(
          "the worker runs as root and " + SETPRIV + " is missing to leave root for the sandbox");
    }
    SandboxRun run = run("probe", "", List.of("/bin/true"));
    if (run.exitCode() != 0) {
      String why = run.output().strip().lines().findFirst().orElse("exit " + run.exitCode());
      return Optional.of("bubblewrap does not start here: " + why);
    }
    return Optional.empty();
  }

  /** The executable, when it exists. */
  Optional<Path> bwrap() {
    String bwrap = settings.bwrap();
    if (bwrap.contains("/")) {
      Path path = Path.of(bwrap);
      return Files.isRegularFile(path) && Files.isExecutable(path)
          ? Optional.of(path)
          : Optional.empty();
    }
    return onPath(System.getenv("PATH"), bwrap);
  }

  /** Where {@code tool} is inside the sandbox (its {@code PATH}), when it is there. */
  public Optional<Path> tool(String tool) {
    return onPath(settings.path(), tool);
  }

  private static Optional<Path> onPath(String path, String tool) {
    return Arrays.stream((path == null ? "" : path).split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, tool))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  /**
   * Puts {@code code} in {@code /work/fileName} of a fresh sandbox and runs {@code command} there.
   * Never throws for what the code does; throws when the sandbox cannot be started at all.
   */
  SandboxRun run(String fileName, String code, List<String> command) {
    Path bwrap = bwrap().orElseThrow(() -> new IllegalStateException("bubblewrap is missing"));
    long start = System.nanoTime();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("codegen-tests-");
      Path output = dir.resolve("output.txt");
      ProcessBuilder builder =
          new ProcessBuilder(commandLine(bwrap, fileName, command))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      builder.environment().clear();
      Process process = builder.start();
      // The code reaches the sandbox on standard input (bwrap --file 0): no host file to share.
      try (OutputStream in = process.getOutputStream()) {
        in.write(code.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // bwrap ended before reading it; its output says why.
      }
      boolean timedOut = false;
      try {
        if (!process.waitFor(settings.wallTime().toMillis(), TimeUnit.MILLISECONDS)) {
          kill(process);
          timedOut = true;
        }
      } catch (InterruptedException e) {
        kill(process);
        Thread.currentThread().interrupt();
        timedOut = true;
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      byte[] bytes = read(output);
      boolean truncated = bytes.length > settings.outputBytes();
      String text =
          new String(
              bytes, 0, Math.min(bytes.length, settings.outputBytes()), StandardCharsets.UTF_8);
      return new SandboxRun(timedOut ? -1 : process.exitValue(), text, timedOut, truncated, millis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
  }

  List<String> commandLine(Path bwrap, String fileName, List<String> command) {
    List<String> line = new ArrayList<>();
    if (runningAsRoot()) {
      String user = Integer.toString(settings.sandboxUid());
      line.addAll(List.of(SETPRIV, "--reuid=" + user, "--regid=" + user, "--clear-groups"));
    }
    line.add(bwrap.toString());
    for (String dir : SYSTEM) {
      Path path = Path.of(dir);
      if (Files.isSymbolicLink(path)) {
        line.addAll(List.of("--symlink", readLink(path), dir));
      } else if (Files.isDirectory(path)) {
        line.addAll(List.of("--ro-bind", dir, dir));
      }
    }
    for (String file : ETC) {
      if (Files.exists(Path.of(file), LinkOption.NOFOLLOW_LINKS)) {
        line.addAll(List.of("--ro-bind", file, file));
      }
    }
    for (String dir : settings.binds()) {
      line.addAll(List.of("--ro-bind", dir, dir));
    }
    String work = Long.toString(settings.workBytes());
    line.addAll(
        List.of(
            "--unshare-all",
            // No user namespace inside: in one of its own, the code could mount an unbounded tmpfs.
            "--unshare-user",
            "--disable-userns",
            "--die-with-parent",
            "--new-session",
            "--cap-drop",
            "ALL",
            "--dev",
            "/dev",
            "--size",
            work,
            "--tmpfs",
            "/dev/shm",
            "--proc",
            "/proc",
            "--size",
            work,
            "--tmpfs",
            "/tmp",
            "--size",
            work,
            "--tmpfs",
            WORK,
            "--perms",
            "0644",
            "--file",
            "0",
            WORK + "/" + fileName,
            // The root and /dev bwrap builds are tmpfs of its own, unbounded: read-only once built.
            "--remount-ro",
            "/dev",
            "--remount-ro",
            "/",
            "--chdir",
            WORK,
            "--clearenv",
            "--setenv",
            "PATH",
            settings.path(),
            "--setenv",
            "HOME",
            WORK,
            "--setenv",
            "TMPDIR",
            "/tmp",
            "--setenv",
            "LANG",
            "C.UTF-8",
            PRLIMIT,
            "--cpu=" + settings.cpuTime().toSeconds(),
            "--as=" + settings.memoryBytes(),
            "--nproc=" + settings.processes(),
            "--fsize=" + settings.fileSizeBytes(),
            "--core=0",
            "--"));
    line.addAll(command);
    return line;
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private byte[] read(Path output) throws IOException {
    if (!Files.exists(output)) {
      return new byte[0];
    }
    try (InputStream in = Files.newInputStream(output)) {
      return in.readNBytes(settings.outputBytes() + 1);
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp directory is harmless.
    }
  }
}
