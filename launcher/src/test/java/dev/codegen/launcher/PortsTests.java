package dev.codegen.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTests {

  @Test
  void keepsAFreePreferredPortAndReplacesATakenOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThat(Ports.isFree(port)).isFalse();
      assertThat(Ports.preferredOrFree(port)).isNotEqualTo(port).isPositive();
    }
    int free = Ports.free();
    assertThat(Ports.preferredOrFree(free)).isEqualTo(free);
    assertThat(Ports.preferredOrFree(0)).isPositive();
  }
}
