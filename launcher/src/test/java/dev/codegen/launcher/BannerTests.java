package dev.codegen.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BannerTests {

  @Test
  void neverPrintsDatabaseCredentials() {
    assertThat(CodegenLauncher.withoutCredentials("postgresql://codegen:s3cret@db:5432/codegen"))
        .isEqualTo("postgresql://db:5432/codegen");
    assertThat(
            CodegenLauncher.withoutCredentials(
                "jdbc:postgresql://db/codegen?user=codegen&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/codegen?user=codegen&password=***&ssl=true");
    assertThat(CodegenLauncher.withoutCredentials("jdbc:postgresql://localhost:5433/codegen"))
        .isEqualTo("jdbc:postgresql://localhost:5433/codegen");
  }
}
