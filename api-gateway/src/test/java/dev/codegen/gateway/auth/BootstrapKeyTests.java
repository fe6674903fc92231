package dev.codegen.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BootstrapKeyTests {

  private static AuthProperties properties(String adminKey) {
    return new AuthProperties(adminKey, "default", false, Duration.ofSeconds(30));
  }

  @Test
  void productionDoesNotStartWithoutAnAdminKey() {
    assertThatThrownBy(
            () -> AuthConfiguration.bootstrapKey(properties(null), "production", "0.0.0.0"))
        .hasMessageContaining("CODEGEN_ADMIN_API_KEY is not set");
    assertThatThrownBy(
            () -> AuthConfiguration.bootstrapKey(properties("  "), "production", "127.0.0.1"))
        .hasMessageContaining("without an admin key");
  }

  @Test
  void developmentAcceptsTheDevelopmentKeyOnlyOnLoopback() {
    assertThat(AuthConfiguration.bootstrapKey(properties(null), "development", "127.0.0.1"))
        .isEqualTo(AuthProperties.DEVELOPMENT_KEY);
    assertThat(AuthConfiguration.bootstrapKey(properties(null), "development", "::1"))
        .isEqualTo(AuthProperties.DEVELOPMENT_KEY);
    for (String everywhere : new String[] {"0.0.0.0", "", "10.1.2.3"}) {
      assertThatThrownBy(
              () -> AuthConfiguration.bootstrapKey(properties(null), "development", everywhere))
          .hasMessageContaining("only accepted on loopback");
    }
  }

  @Test
  void aConfiguredKeyWinsEverywhereButMustNotBeGuessable() {
    String key = "a-configured-admin-key-123";
    assertThat(AuthConfiguration.bootstrapKey(properties(key), "production", "0.0.0.0"))
        .isEqualTo(key);
    assertThat(AuthConfiguration.bootstrapKey(properties(key), "development", "0.0.0.0"))
        .isEqualTo(key);
    assertThatThrownBy(
            () -> AuthConfiguration.bootstrapKey(properties("short"), "production", "0.0.0.0"))
        .hasMessageContaining("too short");
  }

  @Test
  void prefixesNeverRevealAHandChosenKey() {
    String generated = ApiKeySecrets.generate();
    assertThat(ApiKeySecrets.prefix(generated)).isEqualTo(generated.substring(0, 11));
    String chosen = "my-admin-key-from-the-vault";
    assertThat(ApiKeySecrets.prefix(chosen)).startsWith("cfg_").doesNotContain("my-admin");
    assertThat(ApiKeySecrets.generate()).isNotEqualTo(generated);
  }

  @Test
  void readsTheKeyFromEitherHeaderTheSameWay() {
    assertThat(PresentedKey.of("Bearer abc", null).key()).isEqualTo("abc");
    assertThat(PresentedKey.of("bearer   abc ", null).key()).isEqualTo("abc");
    assertThat(PresentedKey.of(null, "abc").key()).isEqualTo("abc");
    assertThat(PresentedKey.of("Bearer abc", "abc").key()).isEqualTo("abc");
    assertThat(PresentedKey.of("Bearer abc", "xyz").problem()).contains("different keys");
    assertThat(PresentedKey.of("Basic dXNlcjpwYXNz", null).problem()).contains("Bearer");
    assertThat(PresentedKey.of(null, "has space").problem()).contains("malformed");
    assertThat(PresentedKey.of(null, "x".repeat(300)).problem()).contains("malformed");
    PresentedKey none = PresentedKey.of(null, null);
    assertThat(none.present()).isFalse();
    assertThat(none.usable()).isFalse();
  }
}
