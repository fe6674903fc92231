package dev.codegen.plugin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What generated code cannot do in the sandbox: reach the network, write outside its work
 * directory, fork without limit, take more memory than its limit, or outlive its wall time. Real
 * bubblewrap, real processes. Skipped only where bwrap is not installed; installed, it must work.
 */
class SandboxTests {

  private static final Sandbox SANDBOX = new Sandbox(SandboxSettings.defaults());

  @BeforeAll
  static void needsBubblewrap() {
    assumeTrue(
        SANDBOX.bwrap().isPresent(), "bwrap is not installed (bin/setup-checkers installs it)");
    assertThat(SANDBOX.unavailable()).as("bwrap is installed, so it must start").isEmpty();
  }

  private static SandboxRun python(Sandbox sandbox, String code, String... arguments) {
    List<String> command =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of("python3", "-I", "snippet.py"),
                java.util.stream.Stream.of(arguments))
            .toList();
    return sandbox.run("snippet.py", code, command);
  }

  @Test
  void theNetworkIsUnreachable() throws Exception {
    try (ServerSocket host = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String code =
          """
          import socket
          print("interfaces", sorted(name for _, name in socket.if_nameindex()))
          for address in [("127.0.0.1", %d), ("127.0.0.1", 5432), ("1.1.1.1", 53)]:
              try:
                  socket.create_connection(address, timeout=2).close()
                  print("connected", address)
              except OSError as e:
                  print("refused", address, type(e).__name__)
          try:
              socket.getaddrinfo("example.com", 443)
              print("resolved")
          except OSError as e:
              print("no name resolution", type(e).__name__)
          """
              .formatted(host.getLocalPort());

      SandboxRun run = python(SANDBOX, code);

      assertThat(run.output())
          .contains("interfaces ['lo']")
          .contains("refused ('127.0.0.1', " + host.getLocalPort() + ")")
          .contains("refused ('127.0.0.1', 5432)")
          .contains("refused ('1.1.1.1', 53)")
          .contains("no name resolution")
          .doesNotContain("connected")
          .doesNotContain("resolved");
      host.setSoTimeout(200);
      assertThatThrownBy(host::accept)
          .as("nothing reached the host's listener")
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void writesStayInTheWorkDirectory(@TempDir Path hostDir) {
    Path escaped = hostDir.resolve("escaped.txt");
    String code =
        """
        import os
        for path in ["%s", "/usr/escaped.txt", "/etc/escaped.txt", "/escaped.txt",
                     "/dev/escaped.txt", "/work/inside.txt", "/tmp/inside.txt",
                     "/dev/shm/inside.txt"]:
            try:
                with open(path, "w") as f:
                    f.write("x")
                print("wrote", path)
            except OSError as e:
                print("refused", path, type(e).__name__)
        print("work holds", sorted(os.listdir("/work")))
        """
            .formatted(escaped);

    SandboxRun run = python(SANDBOX, code);

    assertThat(run.output())
        .contains("refused " + escaped)
        .contains("refused /usr/escaped.txt")
        .contains("refused /etc/escaped.txt")
        .contains("refused /escaped.txt")
        .contains("refused /dev/escaped.txt")
        .contains("wrote /dev/shm/inside.txt")
        .contains("wrote /work/inside.txt")
        .contains("wrote /tmp/inside.txt")
        .contains("work holds ['inside.txt', 'snippet.py']");
    assertThat(escaped).doesNotExist();
    assertThat(Path.of("/usr/escaped.txt")).doesNotExist();
    assertThat(Path.of("/etc/escaped.txt")).doesNotExist();
    assertThat(Path.of("/escaped.txt")).doesNotExist();
  }

  @Test
  void aForkBombIsHeldAtTheProcessLimit() {
    Sandbox sandbox = new Sandbox(limits(32, Duration.ofSeconds(20)));
    String marker = "fork-bomb-" + UUID.randomUUID();
    // Every process forks for as long as it can; refused, it waits and tries again. After a while
    // the first one counts the processes and exits, which ends the sandbox and all of them.
    String code =
        """
        import os, time
        refused = 0
        start = time.time()
        while time.time() - start < 2:
            try:
                if os.fork() == 0:
                    while True:
                        try:
                            os.fork()
                        except OSError:
                            time.sleep(0.05)
            except OSError:
                refused += 1
                time.sleep(0.05)
        count = len([p for p in os.listdir("/proc") if p.isdigit()])
        print("processes", count, "refused", refused, flush=True)
        """;

    SandboxRun run = python(sandbox, code, marker);

    Matcher counted = Pattern.compile("processes (\\d+) refused (\\d+)").matcher(run.output());
    assertThat(counted.find()).as(run.output()).isTrue();
    assertThat(Integer.parseInt(counted.group(1))).isBetween(2, 32);
    assertThat(Integer.parseInt(counted.group(2))).isPositive();
    assertThat(run.timedOut()).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(() -> processesMarked(marker) == 0);
  }

  @Test
  void anEndlessLoopIsKilledAtTheWallTimeWithItsChildren() {
    Sandbox sandbox = new Sandbox(limits(16, Duration.ofMillis(1500)));
    String marker = "endless-" + UUID.randomUUID();
    String code =
        """
        import os, subprocess, sys
        os.fork()
        subprocess.Popen(["sh", "-c", "while :; do :; done", sys.argv[1]], start_new_session=True)
        print("looping", flush=True)
        while True:
            pass
        """;

    SandboxRun run = python(sandbox, code, marker);

    assertThat(run.timedOut()).isTrue();
    assertThat(run.exitCode()).isEqualTo(-1);
    assertThat(run.output()).contains("looping");
    assertThat(run.millis()).isBetween(1500L, 6000L);
    await().atMost(Duration.ofSeconds(5)).until(() -> processesMarked(marker) == 0);
  }

  @Test
  void memoryIsLimitedPerProcess() {
    String code =
        """
        try:
            block = bytearray(2 * 1024 * 1024 * 1024)
            print("allocated", len(block))
        except MemoryError:
            print("refused 2 GiB")
        """;

    assertThat(python(SANDBOX, code).output()).contains("refused 2 GiB");
  }

  @Test
  void theCodeRunsWithoutPrivilegesOrTheWorkersEnvironment() {
    String code =
        """
        import os
        status = dict(l.split(":", 1) for l in open("/proc/self/status") if ":" in l)
        print("capabilities", status["CapEff"].strip())
        print("environment", sorted(os.environ))
        print("root", os.listdir("/"))
        """;

    String output = python(SANDBOX, code).output();

    assertThat(output)
        .contains("capabilities 0000000000000000")
        .contains("environment ['HOME', 'LANG', 'PATH', 'PWD', 'TMPDIR']")
        .doesNotContain("'home'")
        .doesNotContain("'root'");
  }

  @Test
  void noNamespaceCanBeMadeInside() {
    // In a user namespace of its own the code would hold every capability there, enough to mount
    // a tmpfs of its own, unbounded by the sandbox's sizes.
    String code =
        """
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        for name, flag in [("user", 0x10000000), ("mount", 0x00020000), ("net", 0x40000000)]:
            if libc.unshare(flag) == 0:
                print("unshared", name)
            else:
                print("refused", name, os.strerror(ctypes.get_errno()))
        """;

    assertThat(python(SANDBOX, code).output())
        .contains("refused user", "refused mount", "refused net")
        .doesNotContain("unshared");
  }

  private static SandboxSettings limits(int processes, Duration wallTime) {
    SandboxSettings d = SandboxSettings.defaults();
    return new SandboxSettings(
        d.bwrap(),
        wallTime,
        d.cpuTime(),
        d.memoryBytes(),
        processes,
        d.fileSizeBytes(),
        d.workBytes(),
        d.outputBytes(),
        d.sandboxUid(),
        d.binds(),
        d.path());
  }

  /** Processes on this machine whose command line carries {@code marker}. */
  private static long processesMarked(String marker) {
    return ProcessHandle.allProcesses()
        .filter(
            p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
        .count();
  }
}
