package dev.codegen.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.gateway.support.GatewayIntegrationTest;
import dev.codegen.gateway.support.Http;
import dev.codegen.gateway.support.Requests;
import dev.codegen.gateway.support.TestDatabase;
import dev.codegen.gateway.support.TestKeys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Keys over real HTTP: who may call what, the admin API's contract, and tenants that never see each
 * other's work on any endpoint, in either direction.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = "codegen.auth.admin-key=" + KeysIntegrationTests.ADMIN)
class KeysIntegrationTests {

  static final String ADMIN = "test-admin-key-4f1c9a0b7e2d";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private Http admin;

  @BeforeEach
  void setUp() {
    admin = new Http(port, ADMIN);
  }

  @Test
  void refusesRequestsWithoutAValidKeyWithAChallenge() {
    Http anonymous = admin.as(null);
    Http.Answer missing = anonymous.post("/generate", Requests.valid());
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"codegen\"");
    assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
    assertThat(missing.json().get("type").asString()).endsWith("/unauthorized");

    for (String bad : List.of("cg_unknown_key_000000000000000000000000", TestKeys.KEY)) {
      // The development key is refused once an admin key is configured.
      Http.Answer unknown = admin.as(bad).get("/history");
      assertThat(unknown.status()).isEqualTo(401);
      assertThat(unknown.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
      assertThat(unknown.response().body()).doesNotContain(bad);
    }
    assertThat(anonymous.get("/jobs/" + java.util.UUID.randomUUID()).status()).isEqualTo(401);
    assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
    assertThat(anonymous.get("/health/liveness").status()).isEqualTo(200);
    assertThat(anonymous.get("/health/readiness").status()).isIn(200, 503);
  }

  @Test
  void acceptsTheKeyAsBearerOrAsXApiKey() throws Exception {
    JsonNode key = create("bearer", "t-bearer", "{}");
    java.net.http.HttpResponse<String> bearer =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/history"))
                    .header("Authorization", "Bearer " + key.get("key").asString())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(admin.as(key.get("key").asString()).get("/history").status()).isEqualTo(200);
  }

  @Test
  void createsKeysShowingTheSecretOnceAndListsThemByPrefix() {
    Http.Answer created =
        admin.post(
            "/admin/keys",
            """
            {"name":"ci","tenant":"team-a","limits":{"requests_per_minute":60,"tokens_per_day":100000}}
            """);
    assertThat(created.status()).isEqualTo(201);
    String secret = created.json().get("key").asString();
    String prefix = created.json().get("prefix").asString();
    assertThat(secret).startsWith("cg_").startsWith(prefix).hasSizeGreaterThan(40);
    assertThat(created.json().get("limits").get("requests_per_minute").asInt()).isEqualTo(60);
    assertThat(created.json().get("limits").get("tokens_per_minute").isNull()).isTrue();
    assertThat(created.header("Location"))
        .endsWith("/admin/keys/" + created.json().get("id").asString());

    Http.Answer listed = admin.get("/admin/keys?tenant=team-a");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.response().body()).contains(prefix).doesNotContain(secret);
    assertThat(listed.json().get("keys").get(0).has("key")).isFalse();
    // Only a hash is stored.
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM api_keys WHERE key_hash = sha256(convert_to(?, 'UTF8'))",
                Long.class,
                secret))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM access_audit WHERE detail::text LIKE ?",
                Long.class,
                "%" + secret + "%"))
        .isZero();
  }

  @Test
  void refusesBadKeyRequestsFieldByField() {
    Http.Answer bad =
        admin.post(
            "/admin/keys",
            """
            {"name":"","tenant":"no spaces","limits":{"requests_per_minute":0,"tokens_per_day":"5","cost_per_month_usd":0.00001},"extra":1}
            """);
    assertThat(bad.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    bad.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields)
        .contains(
            "name",
            "tenant",
            "limits.requests_per_minute",
            "limits.tokens_per_day",
            "limits.cost_per_month_usd",
            "extra");
  }

  @Test
  void onlyAdminKeysManageKeysAndReadMetrics() {
    Http user = admin.as(create("user", "t-user", "{}").get("key").asString());
    assertThat(user.get("/admin/keys").status()).isEqualTo(403);
    assertThat(user.post("/admin/keys", "{\"name\":\"x\",\"tenant\":\"t-user\"}").status())
        .isEqualTo(403);
    assertThat(user.get("/metrics").status()).isEqualTo(403);
    assertThat(admin.get("/metrics").status()).isEqualTo(200);
  }

  @Test
  void rotatingAndRevokingTakeEffectAtOnceAndAreAudited() {
    JsonNode key = create("rotating", "t-rot", "{}");
    String id = key.get("id").asString();
    Http old = admin.as(key.get("key").asString());
    assertThat(old.get("/history").status()).isEqualTo(200);

    Http.Answer rotated = admin.post("/admin/keys/" + id + "/rotate", null);
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.json().get("id").asString()).isEqualTo(id);
    Http fresh = admin.as(rotated.json().get("key").asString());
    assertThat(old.get("/history").status()).isEqualTo(401);
    assertThat(fresh.get("/history").status()).isEqualTo(200);

    Http.Answer revoked = admin.post("/admin/keys/" + id + "/revoke", null);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().get("revoked_at").isNull()).isFalse();
    // Revoking again answers the key as it is and audits nothing more; an unknown key is 404.
    assertThat(admin.post("/admin/keys/" + id + "/revoke", null).status()).isEqualTo(200);
    assertThat(admin.post("/admin/keys/" + java.util.UUID.randomUUID() + "/revoke", null).status())
        .isEqualTo(404);
    assertThat(fresh.get("/history").status()).isEqualTo(401);
    assertThat(fresh.post("/generate", Requests.valid()).status()).isEqualTo(401);
    assertThat(admin.post("/admin/keys/" + id + "/rotate", null).status()).isEqualTo(404);

    admin.patch("/admin/keys/" + id, "{\"limits\":{\"requests_per_minute\":5}}");
    List<String> actions = new ArrayList<>();
    admin
        .get("/admin/audit?tenant=t-rot")
        .json()
        .get("events")
        .forEach(
            e -> {
              actions.add(e.get("action").asString());
              assertThat(e.get("actor_prefix").asString()).startsWith("cfg_").doesNotContain(ADMIN);
            });
    assertThat(actions)
        .containsExactly("key.limits_changed", "key.revoked", "key.rotated", "key.created");
  }

  @Test
  void aTenantNeverSeesAnotherTenantsWorkInEitherDirection() {
    Http alice = admin.as(create("alice", "tenant-a", "{}").get("key").asString());
    Http bob = admin.as(create("bob", "tenant-b", "{}").get("key").asString());
    String aliceJob = alice.post("/generate", Requests.valid()).json().get("id").asString();
    String bobJob = bob.post("/generate", Requests.valid()).json().get("id").asString();

    for (Object[] pair : new Object[][] {{alice, aliceJob, bobJob}, {bob, bobJob, aliceJob}}) {
      Http caller = (Http) pair[0];
      String own = (String) pair[1];
      String other = (String) pair[2];
      assertThat(caller.get("/jobs/" + own).status()).isEqualTo(200);
      assertThat(caller.get("/jobs/" + own + "/audit").status()).isEqualTo(200);
      Http.Answer hidden = caller.get("/jobs/" + other);
      assertThat(hidden.status()).isEqualTo(404);
      assertThat(hidden.json().get("type").asString()).endsWith("/job-not-found");
      assertThat(caller.get("/jobs/" + other + "/audit").status()).isEqualTo(404);
      assertThat(caller.post("/jobs/" + other + "/cancel", null).status()).isEqualTo(404);
      String history = caller.get("/history?limit=100").response().body();
      assertThat(history).contains(own).doesNotContain(other);
      assertThat(caller.get("/history?batch_id=b-1").response().body()).doesNotContain(other);
    }
    // The other tenant's cancel attempt changed nothing.
    assertThat(alice.get("/jobs/" + aliceJob).json().get("status").asString()).isEqualTo("queued");
    assertThat(alice.post("/jobs/" + aliceJob + "/cancel", null).status()).isEqualTo(200);
  }

  private JsonNode create(String name, String tenant, String limits) {
    Http.Answer created =
        admin.post(
            "/admin/keys",
            "{\"name\":\"" + name + "\",\"tenant\":\"" + tenant + "\",\"limits\":" + limits + "}");
    assertThat(created.status()).isEqualTo(201);
    return created.json();
  }
}
