package dev.codegen.gateway.intake;

import dev.codegen.gateway.auth.AccessAudit;
import dev.codegen.gateway.limits.Admission;
import dev.codegen.gateway.limits.TokenEstimate;
import dev.codegen.gateway.limits.UsageLedger;
import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import java.util.ArrayList;
import java.util.HashMap;
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
    List<AccessAudit.Refusal> refusals = new ArrayList<>();
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
        refusals.add(new AccessAudit.Refusal(accepted.caller(), over.limit().wireName(), now));
        firsts.put(
            request.jobId(),
            BulkRecord.refused(
                accepted,
                new Failure(
                    FailureReason.RATE_LIMITED,
                    "limits." + over.limit().wireName(),
                    over.describe(accepted.caller().prefix()))));
        reserved.remove(request.jobId());
      }
    }
    // In the intake's transaction: the audit counts exactly the refusals that were stored.
    audit.refused(refusals);
    return reserved;
  }
}
