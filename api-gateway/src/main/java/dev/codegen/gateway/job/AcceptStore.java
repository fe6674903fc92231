package dev.codegen.gateway.job;

import dev.codegen.gateway.auth.AccessAudit;
import dev.codegen.gateway.limits.Admission;
import dev.codegen.gateway.limits.UsageLedger;
import dev.codegen.gateway.metrics.GatewayMeters;
import dev.codegen.gateway.problem.ProblemException;
import dev.codegen.gateway.problem.ProblemType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a batch of accepted jobs in one transaction, in three steps: requests with an {@code
 * Idempotency-Key} claim it (or are answered with the job that holds it), counted requests are
 * admitted against their keys' limits (or refused: 429, or 401 when the key was revoked meanwhile),
 * and the admitted jobs are inserted with their reservations. Refusals by a limit are then counted
 * in the access audit.
 */
@Service
class AcceptStore {

  private static final Logger log = LoggerFactory.getLogger(AcceptStore.class);

  private final TransactionTemplate tx;
  private final IdempotencyKeys idempotency;
  private final UsageLedger ledger;
  private final JobInserts inserts;
  private final AccessAudit audit;
  private final GatewayMeters meters;

  AcceptStore(
      TransactionTemplate tx,
      IdempotencyKeys idempotency,
      UsageLedger ledger,
      JobInserts inserts,
      AccessAudit audit,
      GatewayMeters meters) {
    this.tx = tx;
    this.idempotency = idempotency;
    this.ledger = ledger;
    this.inserts = inserts;
    this.audit = audit;
    this.meters = meters;
  }

  StoreResult store(List<NewJob> jobs) {
    if (jobs.stream().noneMatch(j -> j.counted() || j.idempotency() != null)) {
      inserts.insert(jobs); // the bootstrap admin key: nothing to claim or count
      meters.accepted(GatewayMeters.HTTP, jobs.size());
      return StoreResult.ALL_STORED;
    }
    Map<UUID, AcceptedJob> replays = new HashMap<>();
    Map<UUID, ProblemException> refusals = new HashMap<>();
    List<AccessAudit.Refusal> overLimit = new ArrayList<>();
    int[] stored = {0};
    tx.executeWithoutResult(
        status -> {
          replays.clear();
          refusals.clear();
          overLimit.clear();
          stored[0] = 0;
          List<NewJob> claiming = jobs.stream().filter(j -> j.idempotency() != null).toList();
          if (!claiming.isEmpty()) {
            idempotency.claim(claiming, replays, refusals);
          }
          List<NewJob> pending =
              jobs.stream()
                  .filter(j -> !replays.containsKey(j.id()) && !refusals.containsKey(j.id()))
                  .toList();
          admit(pending, refusals, overLimit);
          idempotency.release(claiming.stream().filter(j -> refusals.containsKey(j.id())).toList());
          List<NewJob> admitted =
              pending.stream().filter(j -> !refusals.containsKey(j.id())).toList();
          if (!admitted.isEmpty()) {
            inserts.insert(admitted);
            stored[0] = admitted.size();
          }
        });
    overLimit.forEach(r -> meters.refused(r.limit()));
    auditRefusals(overLimit);
    meters.accepted(GatewayMeters.HTTP, stored[0]);
    return new StoreResult(replays, refusals);
  }

  /**
   * Counts the batch's refusals in the access audit. After the commit and never failing the batch:
   * its jobs are stored whatever happens to the audit.
   */
  private void auditRefusals(List<AccessAudit.Refusal> overLimit) {
    if (overLimit.isEmpty()) {
      return;
    }
    try {
      audit.refused(overLimit);
    } catch (RuntimeException e) {
      log.warn(
          "could not count {} refusals by a limit in the access audit: {}",
          overLimit.size(),
          e.toString());
    }
  }

  private void admit(
      List<NewJob> pending,
      Map<UUID, ProblemException> refusals,
      List<AccessAudit.Refusal> overLimit) {
    List<Admission.Request> requests =
        pending.stream()
            .filter(NewJob::counted)
            .map(
                j ->
                    new Admission.Request(
                        j.id(),
                        j.caller().keyId(),
                        j.createdAt().toInstant(),
                        j.reserved().tokens(),
                        j.reserved().costNanos()))
            .toList();
    Map<UUID, Admission.Verdict> verdicts = ledger.admit(requests);
    Set<UUID> decided = new HashSet<>(verdicts.keySet());
    for (NewJob job : pending) {
      if (!job.counted()) {
        continue;
      }
      if (!decided.contains(job.id())) {
        refusals.put(job.id(), revoked());
      } else if (verdicts.get(job.id()) instanceof Admission.OverLimit over) {
        refusals.put(job.id(), LimitProblems.of(over, job.caller().prefix()));
        overLimit.add(
            new AccessAudit.Refusal(
                job.caller(), over.limit().wireName(), job.createdAt().toInstant()));
      }
    }
  }

  private static ProblemException revoked() {
    return new ProblemException(
        ProblemType.UNAUTHORIZED,
        "the API key is not valid (unknown, rotated or revoked)",
        Map.of("WWW-Authenticate", "Bearer realm=\"codegen\", error=\"invalid_token\""));
  }
}
