package dev.codegen.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class OutageLogTests {

  private final List<String> lines = new ArrayList<>();

  /** A logger that records the level and pattern of every line it is asked to write. */
  private Logger recording() {
    return (Logger)
        Proxy.newProxyInstance(
            Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
              if (method.getName().equals("warn") || method.getName().equals("info")) {
                lines.add(method.getName() + " " + args[0]);
              }
              return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });
  }

  @Test
  void aThousandFailuresInARowWriteOneLineAndTheReturnOneMore() {
    OutageLog outage = new OutageLog(recording(), "Kafka", Duration.ofMinutes(1));

    for (int i = 0; i < 1000; i++) {
      outage.failed(new IOException("connection refused"));
    }
    assertThat(outage.down()).isTrue();
    outage.succeeded();
    outage.succeeded();

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("warn").contains("unreachable");
    assertThat(lines.get(1)).startsWith("info").contains("reachable again");
    assertThat(outage.down()).isFalse();
  }

  @Test
  void remindsWhileTheOutageLastsAtMostOncePerInterval() {
    OutageLog outage = new OutageLog(recording(), "PostgreSQL", Duration.ZERO);

    outage.failed(new IOException("down"));
    outage.failed(new IOException("down"));

    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains("still unreachable");
  }
}
