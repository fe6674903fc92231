package dev.codegen.gateway.auth;

import dev.codegen.gateway.problem.ProblemException;
import dev.codegen.gateway.problem.ProblemType;
import dev.codegen.model.Uuids;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The admin API for keys (admin keys only, see {@link ApiKeyFilter}). Every change is written to
 * the access audit in the same transaction, with the acting key's prefix.
 */
@RestController
class AdminKeysController {

  private final ApiKeyStore store;
  private final AccessAudit audit;
  private final TransactionTemplate tx;
  private final ApiKeys keys;

  AdminKeysController(ApiKeyStore store, AccessAudit audit, TransactionTemplate tx, ApiKeys keys) {
    this.store = store;
    this.audit = audit;
    this.tx = tx;
    this.keys = keys;
  }

  @PostMapping(
      path = "/admin/keys",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<KeyView> create(
      @RequestBody JsonNode body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    KeyRequestRules.NewKey request = KeyRequestRules.newKey(body);
    String secret = ApiKeySecrets.generate();
    KeyView created =
        tx.execute(
            status -> {
              KeyView key =
                  store.create(
                      Uuids.timeOrdered(),
                      request.name(),
                      request.tenant(),
                      request.role(),
                      request.limits(),
                      secret);
              Map<String, Object> detail = new LinkedHashMap<>();
              detail.put("prefix", key.prefix());
              detail.put("name", key.name());
              detail.put("role", key.role());
              detail.put("limits", key.limits());
              audit.keyChanged("key.created", caller, key.id(), key.tenant(), detail);
              return key;
            });
    return ResponseEntity.created(URI.create("/admin/keys/" + created.id()))
        .body(created.withSecret(secret));
  }

  @GetMapping(path = "/admin/keys", produces = MediaType.APPLICATION_JSON_VALUE)
  KeyList list(@RequestParam(name = "tenant", required = false) String tenant) {
    return new KeyList(store.list(tenant));
  }

  @GetMapping(path = "/admin/keys/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  KeyView get(@PathVariable String id) {
    return store.find(parse(id)).orElseThrow(() -> notFound(id));
  }

  @PostMapping(path = "/admin/keys/{id}/rotate", produces = MediaType.APPLICATION_JSON_VALUE)
  KeyView rotate(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    UUID keyId = parse(id);
    String secret = ApiKeySecrets.generate();
    KeyView rotated =
        tx.execute(
            status -> {
              KeyView key = store.rotate(keyId, secret).orElse(null);
              if (key != null) {
                audit.keyChanged(
                    "key.rotated", caller, keyId, key.tenant(), Map.of("prefix", key.prefix()));
              }
              return key;
            });
    // This instance sees the change at once; the others when PostgreSQL's notification arrives.
    keys.forgetAll();
    if (rotated == null) {
      KeyView key = store.find(keyId).orElseThrow(() -> notFound(id));
      throw new ProblemException(
          ProblemType.KEY_NOT_FOUND, "key " + key.id() + " is revoked and cannot be rotated");
    }
    return rotated.withSecret(secret);
  }

  @PostMapping(path = "/admin/keys/{id}/revoke", produces = MediaType.APPLICATION_JSON_VALUE)
  KeyView revoke(@PathVariable String id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    UUID keyId = parse(id);
    KeyView answer =
        tx.execute(
            status -> {
              Optional<KeyView> revoked = store.revoke(keyId);
              if (revoked.isEmpty()) {
                // Unknown (404), or revoked before: answered as it is, nothing audited twice.
                return store.find(keyId).orElseThrow(() -> notFound(id));
              }
              KeyView key = revoked.get();
              audit.keyChanged(
                  "key.revoked", caller, keyId, key.tenant(), Map.of("prefix", key.prefix()));
              return key;
            });
    keys.forgetAll();
    return answer;
  }

  @PatchMapping(
      path = "/admin/keys/{id}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  KeyView change(
      @PathVariable String id,
      @RequestBody JsonNode body,
      @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    UUID keyId = parse(id);
    KeyLimits limits = KeyRequestRules.limitsChange(body);
    return tx.execute(
        status -> {
          KeyView before = store.find(keyId).orElseThrow(() -> notFound(id));
          KeyView after = store.setLimits(keyId, limits).orElseThrow(() -> notFound(id));
          Map<String, Object> detail = new LinkedHashMap<>();
          detail.put("prefix", after.prefix());
          detail.put("before", before.limits());
          detail.put("after", after.limits());
          audit.keyChanged("key.limits_changed", caller, keyId, after.tenant(), detail);
          return after;
        });
  }

  @GetMapping(path = "/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
  AuditList auditLog(
      @RequestParam(name = "tenant", required = false) String tenant,
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    return new AuditList(audit.recent(tenant, Math.max(1, Math.min(limit, 1000))));
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw notFound(id);
    }
  }

  private static ProblemException notFound(String id) {
    String shown = id.length() > 64 ? id.substring(0, 64) + "..." : id;
    return new ProblemException(ProblemType.KEY_NOT_FOUND, "no key with id " + shown);
  }

  /** The body of {@code GET /admin/keys}. */
  record KeyList(List<KeyView> keys) {}

  /** The body of {@code GET /admin/audit}. */
  record AuditList(List<AccessAudit.Entry> events) {}
}
