import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the accept path's tail goes, from a gateway flight recording (bench/keys-ab.sh KEYS_JFR=1):
 * the request threads' waits in {@code AcceptBatcher.store} of 5 ms and more (jdk.ThreadPark), the
 * accept writers' socket reads of 3 ms and more (a PostgreSQL round trip: a statement, a commit
 * and its fsync, or a wait for a row lock; named by the gateway method that sent it), and the
 * collector's pauses, in one time window; then, for each long wait, whether a GC pause or a long
 * writer read overlapped it.
 *
 * <pre>java bench/jfr/AcceptTail.java RECORDING.jfr [FROM TO]   (UTC, 2026-12-07T23:12:03Z)</pre>
 */
public final class AcceptTail {

  public static void main(String[] args) throws Exception {
    Instant from = args.length > 1 ? Instant.parse(args[1]) : Instant.MIN;
    Instant to = args.length > 2 ? Instant.parse(args[2]) : Instant.MAX;
    List<long[]> pauses = new ArrayList<>();
    List<long[]> waits = new ArrayList<>();
    List<long[]> reads = new ArrayList<>();
    Map<String, Integer> readsBy = new TreeMap<>();
    try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
      while (file.hasMoreEvents()) {
        RecordedEvent e = file.readEvent();
        Instant start = e.getStartTime();
        if (start.isBefore(from) || start.isAfter(to)) {
          continue;
        }
        long at = start.getEpochSecond() * 1_000_000 + start.getNano() / 1_000;
        long micros = e.getDuration().toNanos() / 1_000;
        switch (e.getEventType().getName()) {
          case "jdk.GarbageCollection" ->
              pauses.add(new long[] {at, e.getDuration("sumOfPauses").toNanos() / 1_000});
          case "jdk.ThreadPark" -> {
            if (calls(e.getStackTrace(), "AcceptBatcher", "store")) {
              waits.add(new long[] {at, micros});
            }
          }
          case "jdk.SocketRead" -> {
            RecordedThread thread = e.getThread();
            String name = thread == null ? null : thread.getJavaName();
            if (name != null && name.startsWith("accept-writer")) {
              reads.add(new long[] {at, micros});
              readsBy.merge(sender(e.getStackTrace()), 1, Integer::sum);
            }
          }
          default -> {}
        }
      }
    }
    System.out.printf("window %s .. %s%n", from, to);
    summary("GC pauses", pauses);
    summary("request waits in AcceptBatcher.store >= 5 ms", waits);
    summary("accept-writer PostgreSQL reads >= 3 ms", reads);
    System.out.println("  writer reads >= 3 ms by sender: " + readsBy);
    int gc = 0;
    int db = 0;
    int neither = 0;
    for (long[] wait : waits) {
      if (overlaps(wait, pauses)) {
        gc++;
      } else if (overlaps(wait, reads)) {
        db++;
      } else {
        neither++;
      }
    }
    System.out.printf(
        "  long waits overlapping a GC pause: %d; else a long writer read: %d; neither: %d%n",
        gc, db, neither);
  }

  private static boolean calls(RecordedStackTrace stack, String type, String method) {
    return stack != null
        && stack.getFrames().stream()
            .anyMatch(
                f ->
                    f.getMethod().getType().getName().endsWith("." + type)
                        && f.getMethod().getName().equals(method));
  }

  /** The first gateway method on the stack: the statement's sender (AcceptStore.store: commit). */
  private static String sender(RecordedStackTrace stack) {
    if (stack != null) {
      for (RecordedFrame frame : stack.getFrames()) {
        String type = frame.getMethod().getType().getName();
        if (type.startsWith("dev.codegen.")) {
          return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
        }
      }
    }
    return "?";
  }

  private static boolean overlaps(long[] span, List<long[]> others) {
    for (long[] other : others) {
      if (other[0] <= span[0] + span[1] && other[0] + other[1] >= span[0]) {
        return true;
      }
    }
    return false;
  }

  private static void summary(String what, List<long[]> spans) {
    long[] micros = spans.stream().mapToLong(s -> s[1]).sorted().toArray();
    if (micros.length == 0) {
      System.out.println(what + ": none");
      return;
    }
    System.out.printf(
        "%s: %d, sum %.1f ms, p50 %.2f ms, p90 %.2f ms, max %.2f ms%n",
        what,
        micros.length,
        Arrays.stream(micros).sum() / 1000.0,
        micros[micros.length / 2] / 1000.0,
        micros[(int) (micros.length * 0.9)] / 1000.0,
        micros[micros.length - 1] / 1000.0);
  }
}
