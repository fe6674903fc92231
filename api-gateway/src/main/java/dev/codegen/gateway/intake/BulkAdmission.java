package dev.codegen.gateway.intake;

import dev.codegen.gateway.auth.AccessAudit;
import dev.codegen.gateway.limits.Admission;
import dev.codegen.gateway.limits.TokenEstimate;
import dev.codegen.gateway.limits.UsageLedger;
import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Bulk records obey their keys' limits as HTTP requests do, in the intake's transaction: a record
 * over a limit becomes a rejected job (reason {@code rate_limited}, the limit as rule), a record
 * whose key was revoked since it was read a rejected job with reason {@code unauthorized}. Only
 * records that create a new job are counted, so a redelivered poll counts nothing twice.
 */
@Component
class BulkAdmission {

  private final UsageLedger ledger;
  private final TokenEstimate estimate;
  private final AccessAudit audit;

  BulkAdmission(UsageLedger ledger, TokenEstimate estimate, AccessAudit audit) {
    this.ledger = ledger;
    this.estimate = estimate;
    this.audit = audit;
  }

  /**
   * Admits the new accepted records of {@code firsts} (those whose id is not in {@code existing}),
   * replacing refused ones in place; returns what each admitted job reserved.
   */
  Map<UUID, TokenEstimate.Reservation> admit(
      Map<UUID, BulkRecord> firsts, Set<UUID> existing, java.time.Instant now) {
    List<Admission.Request> requests = new ArrayList<>();
    Map<UUID, TokenEstimate.Reservation> reserved = new HashMap<>();
    for (BulkRecord record : firsts.values()) {
      if (record instanceof BulkRecord.Accepted accepted
          && accepted.caller().keyId() != null
          && !existing.contains(accepted.jobId())) {
        TokenEstimate.Reservation reservation =
            accepted.caller().limits().reserves()
                ? estimate.reserve(
                    accepted.request().prompt(),
                    accepted.request().maxTokens(),
                    accepted.request().model())
                : TokenEstimate.Reservation.NONE;
        reserved.put(accepted.jobId(), reservation);
        requests.add(
            new Admission.Request(
                accepted.jobId(),
                accepted.caller().keyId(),
                now,
                reservation.tokens(),
                reservation.costNanos()));
      }
    }
    if (requests.isEmpty()) {
      return reserved;
    }
    Map<UUID, Admission.Verdict> verdicts = ledger.admit(requests);
    Map<List<Object>, Long> refusals = new LinkedHashMap<>();
    Map<List<Object>, BulkRecord.Accepted> refusedBy = new HashMap<>();
    for (Admission.Request request : requests) {
      BulkRecord.Accepted accepted = (BulkRecord.Accepted) firsts.get(request.jobId());
      Admission.Verdict verdict = verdicts.get(request.jobId());
      if (verdict == null) {
        firsts.put(
            request.jobId(),
            BulkRecord.refused(
                accepted,
                new Failure(
                    FailureReason.UNAUTHORIZED,
                    "request.api_key",
                    "the API key was revoked before the record was stored")));
        reserved.remove(request.jobId());
      } else if (verdict instanceof Admission.OverLimit over) {
        List<Object> group = List.of(accepted.caller().keyId(), over.limit().wireName());
        refusals.merge(group, 1L, Long::sum);
        refusedBy.putIfAbsent(group, accepted);
        firsts.put(
            request.jobId(),
            BulkRecord.refused(
                accepted,
                new Failure(
                    FailureReason.RATE_LIMITED,
                    "limits." + over.limit().wireName(),
                    "limit "
                        + over.limit().wireName()
                        + " of key "
                        + accepted.caller().prefix()
                        + ": "
                        + over.counted()
                        + " of "
                        + over.value()
                        + " counted this "
                        + over.limit().period().wireName()
                        + ", this record needs "
                        + over.asked())));
        reserved.remove(request.jobId());
      }
    }
    // In the intake's transaction: the audit counts exactly the refusals that were stored.
    refusals.forEach(
        (group, count) ->
            audit.refused(refusedBy.get(group).caller(), (String) group.get(1), now, count));
    return reserved;
  }
}
