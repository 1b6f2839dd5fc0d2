package dev.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.StoreTest;
import dev.countersign.oversight.AuditEntry;
import dev.countersign.oversight.AuditTrail;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Accepting or refusing a review request, without the engine. */
@StoreTest
class RequestRegistryTests {

  @Autowired RequestRegistry registry;
  @Autowired AuditTrail audit;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anAcceptedRequestIsKeptAuditedWithoutItsTextAndDrawnForAudit() {
    RequestRegistry.Registered registered = registry.register("instance-1",
        new NewReview("billing", "My IBAN is DE89370400440532013000, why was I charged?", "low"), "requester");

    String id = registered.requestId();
    assertThat(UUID.fromString(id)).as("an id of the server's").isNotNull();
    assertThat(registered.auditDraw()).isBetween(0.0, 1.0).isLessThan(1.0);
    assertThat(jdbc.queryForMap("select use_case, risk_tier, requester, process_instance_id from cs_review_request "
        + "where id = ?", id)).containsEntry("USE_CASE", "billing").containsEntry("RISK_TIER", "low")
        .containsEntry("REQUESTER", "requester").containsEntry("PROCESS_INSTANCE_ID", "instance-1");
    List<AuditEntry> entries = audit.export(id).entries();
    assertThat(entries).extracting(AuditEntry::type).containsExactly("request.received");
    assertThat(entries.get(0).actor()).isEqualTo("requester");
    assertThat(entries.get(0).details().toString()).contains("inputSha256").doesNotContain("DE89370400440532013000");
  }

  @Test
  void aRequestStartedWithoutAUserHasTheSystemAsActor() {
    RequestRegistry.Registered registered = registry.register("instance-2",
        new NewReview("billing", "When is my bill due?", "medium"), null);

    assertThat(UUID.fromString(registered.requestId())).isNotNull();
    assertThat(audit.export(registered.requestId()).entries()).extracting(AuditEntry::actor)
        .containsExactly(AuditTrail.SYSTEM);
  }

  @Test
  void aMalformedRequestIsRefusedWithEveryProblemAndNothingIsWritten() {
    long before = jdbc.queryForObject("select count(*) from cs_review_request", Long.class);
    assertThatThrownBy(() -> registry.register("instance-3", new NewReview("Billing!", " ", "extreme"), "requester"))
        .isInstanceOfSatisfying(InvalidReviewException.class, refused -> assertThat(refused.problems())
            .hasSize(3).anySatisfy(p -> assertThat(p).startsWith("useCase is required"))
            .anySatisfy(p -> assertThat(p).isEqualTo("input is required"))
            .anySatisfy(p -> assertThat(p).startsWith("riskTier must be one of")));
    assertThat(jdbc.queryForObject("select count(*) from cs_review_request", Long.class)).isEqualTo(before);
  }

  @Test
  void theAuditDrawIsUniformOverZeroToOne() {
    double[] draws = new double[1_000];
    for (int i = 0; i < draws.length; i++) {
      draws[i] = registry.register("instance-" + i, new NewReview("draws", "Question " + i, "low"), null)
          .auditDraw();
    }
    assertThat(Arrays.stream(draws).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
    assertThat(Arrays.stream(draws).max().orElseThrow()).isLessThan(1.0);
    // Mean 100, standard deviation about 9.5: outside these bounds is a four-sigma event.
    assertThat(Arrays.stream(draws).filter(d -> d < 0.1).count()).as("drawn under a 10% sample rate")
        .isBetween(60L, 140L);
  }
}
