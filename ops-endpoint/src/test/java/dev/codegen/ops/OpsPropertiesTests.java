package dev.codegen.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpsPropertiesTests {

  @Test
  void isOffOnAllInterfacesByDefault() {
    OpsProperties properties = new OpsProperties(null, " ");

    assertThat(properties.port()).isEqualTo(-1);
    assertThat(properties.enabled()).isFalse();
    assertThat(properties.address()).isEqualTo("0.0.0.0");
  }

  @Test
  void keepsAGivenPortAndAddress() {
    OpsProperties properties = new OpsProperties(9465, " 127.0.0.1 ");

    assertThat(properties.enabled()).isTrue();
    assertThat(properties.address()).isEqualTo("127.0.0.1");
  }

  @Test
  void refusesPortsOutOfRange() {
    assertThatThrownBy(() -> new OpsProperties(-2, null))
        .hasMessageContaining("codegen.ops.port must be -1 (off), 0 (any free port) or 1-65535");
    assertThatThrownBy(() -> new OpsProperties(65_536, null)).hasMessageContaining("65536");
  }
}
