package dev.codegen.plugin.syntax;

import dev.codegen.model.Diagnostic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived checker process speaking JSON lines: a request {@code
 * {"id","task","language","source"}} on its stdin, one answer line per request on its stdout. A
 * reader thread moves answer lines into a queue, so waiting for an answer has a deadline; a process
 * that overruns it is killed by its pool, never reused. Not thread-safe: a pool lends it to one
 * caller at a time.
 */
final class CheckerProcess implements AutoCloseable {

  /** What a request asks of the process. */
  enum Task {
    /** Syntax check and lint: diagnostics. */
    CHECK("check"),
    /** The language's formatter: the formatted code, or why not. */
    FORMAT("format");

    private final String wireName;

    Task(String wireName) {
      this.wireName = wireName;
    }
  }

  /** Put in the queue when the process closed its stdout: it died. */
  private static final String END = new String("<end of output>");

  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final Map<String, Object> hello;
  private long nextId;

  private CheckerProcess(Process process, Duration startTimeout) throws IOException {
    this.process = process;
    this.stdin = process.getOutputStream();
    Thread reader = new Thread(this::readAnswers, "checker-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    String first = poll(startTimeout.toNanos());
    if (first == null || first == END) {
      close();
      throw new IOException(
          first == null
              ? "no ready line within " + startTimeout
              : "exited " + exitCode() + " before it was ready");
    }
    Object parsed;
    try {
      parsed = JsonLine.parse(first);
    } catch (IllegalArgumentException e) {
      close();
      throw new IOException("unreadable ready line: " + abbreviate(first));
    }
    if (!(parsed instanceof Map<?, ?> map) || !Boolean.TRUE.equals(map.get("ready"))) {
      close();
      throw new IOException("unexpected ready line: " + abbreviate(first));
    }
    this.hello = stringKeys(map);
  }

  /**
   * Starts the command and waits for its ready line ({@code {"ready": true, ...}}).
   *
   * @throws IOException when it cannot start, or dies or stays silent before it is ready
   */
  static CheckerProcess start(List<String> command, Duration startTimeout) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    ToolRunner.scrub(builder.environment());
    return new CheckerProcess(builder.start(), startTimeout);
  }

  /** What the process said about itself when it became ready (tool, version, ...). */
  Map<String, Object> hello() {
    return hello;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Resident memory in bytes from {@code /proc/<pid>/status}, or -1 where that is unknown. */
  long residentBytes() {
    try {
      for (String line :
          java.nio.file.Files.readAllLines(
              java.nio.file.Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  /**
   * Sends one source and waits for its answer until {@code timeout}. After a {@link
   * CheckAnswer.Kind#TIMEOUT} or an {@link CheckAnswer.Kind#ERROR} from a dead process, the caller
   * must close this process.
   */
  CheckAnswer check(String language, String source, Duration timeout) {
    return ask(Task.CHECK, language, source, timeout);
  }

  /** As {@link #check}, for {@code task}: a check or the formatter. */
  CheckAnswer ask(Task task, String language, String source, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String id = Long.toString(++nextId);
    String request =
        JsonLine.object(
                mapOf("id", id, "task", task.wireName, "language", language, "source", source))
            + "\n";
    try {
      stdin.write(request.getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      return CheckAnswer.error("checker process died (exit " + exitCode() + ")");
    }
    while (true) {
      String line = poll(deadline - System.nanoTime());
      if (line == null) {
        return CheckAnswer.timeout("exceeded " + timeout + "; killed");
      }
      if (line == END) {
        return CheckAnswer.error("checker process died while checking (exit " + exitCode() + ")");
      }
      Map<String, Object> answer;
      try {
        answer = JsonLine.parse(line) instanceof Map<?, ?> map ? stringKeys(map) : null;
      } catch (IllegalArgumentException e) {
        answer = null;
      }
      if (answer == null) {
        return CheckAnswer.error("unreadable answer: " + abbreviate(line));
      }
      if (!id.equals(String.valueOf(answer.get("id")))) {
        continue; // not ours (cannot happen with one request at a time); skip it
      }
      if (answer.get("error") != null) {
        return CheckAnswer.error(String.valueOf(answer.get("error")));
      }
      if (answer.get("missing") != null) {
        return CheckAnswer.missing(String.valueOf(answer.get("missing")));
      }
      if (answer.get("formatted") instanceof String formatted) {
        return CheckAnswer.formatted(formatted);
      }
      if (answer.get("unformatted") != null) {
        return CheckAnswer.unformatted(String.valueOf(answer.get("unformatted")));
      }
      if (!(answer.get("diagnostics") instanceof List<?> found)) {
        return CheckAnswer.error("answer without diagnostics: " + abbreviate(line));
      }
      List<Diagnostic> diagnostics = new ArrayList<>();
      for (Object item : found) {
        if (item instanceof Map<?, ?> d) {
          diagnostics.add(
              new Diagnostic(
                  number(d.get("line")),
                  number(d.get("column")),
                  d.get("severity") == null ? "error" : String.valueOf(d.get("severity")),
                  String.valueOf(d.get("code")),
                  String.valueOf(d.get("message"))));
        }
      }
      return CheckAnswer.checked(diagnostics);
    }
  }

  private String poll(long nanos) {
    if (nanos <= 0) {
      return answers.poll();
    }
    try {
      return answers.poll(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null; // treated as a timeout: the process is killed, the verdict is not a pass
    }
  }

  private void readAnswers() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        answers.add(line);
      }
    } catch (IOException e) {
      // closed under us: the process is gone
    } finally {
      answers.add(END);
    }
  }

  private String exitCode() {
    try {
      return process.waitFor(200, TimeUnit.MILLISECONDS)
          ? String.valueOf(process.exitValue())
          : "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }

  private static Map<String, String> mapOf(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return copy;
  }

  private static String abbreviate(String text) {
    String one = text.strip();
    return one.length() <= 200 ? one : one.substring(0, 197) + "...";
  }
}
