package dev.countersign.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.countersign.StoreTest;
import dev.countersign.oversight.AuditEntry;
import dev.countersign.oversight.AuditTrail;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Drafts numbered per request, their screening, and their audit entries, without the engine. */
@StoreTest
class DraftsTests {

  @Autowired Drafts drafts;
  @Autowired ReviewRecords records;
  @Autowired AuditTrail audit;
  @Autowired JdbcTemplate jdbc;

  @Test
  void numbersEachRequestsDraftsFromOneAndKeepsTheirScreening() {
    String first = request();
    String second = request();

    assertThat(drafts.generated(first, draft("Draft one."), AuditTrail.SYSTEM)).isEqualTo(1);
    assertThat(drafts.generated(first, draft("Draft two."), AuditTrail.SYSTEM)).isEqualTo(2);
    assertThat(drafts.generated(second, draft("Another request's first."), AuditTrail.SYSTEM))
        .as("numbered per request").isEqualTo(1);
    drafts.screened(first, 2, new Drafts.Screened(true, false, 0.42, "[{\"kind\":\"PII_EMAIL\"}]"), AuditTrail.SYSTEM);

    List<DraftRecord> kept = records.drafts(first);
    assertThat(kept).extracting(DraftRecord::attempt, DraftRecord::text)
        .containsExactly(tuple(1, "Draft one."), tuple(2, "Draft two."));
    assertThat(kept.get(0).piiFound()).as("the first draft was not screened here").isNull();
    assertThat(kept.get(1).piiFound()).isTrue();
    assertThat(kept.get(1).judgeScore()).isEqualTo(0.42);
  }

  @Test
  void auditsADigestOfTheDraftNeverItsText() {
    String request = request();
    drafts.generated(request, draft("Write to jane@example.com for a refund."), "worker");

    List<AuditEntry> entries = audit.export(request).entries();
    assertThat(entries).extracting(AuditEntry::type).containsExactly("draft.generated");
    assertThat(entries.get(0).details().get("draftSha256").asText())
        .isEqualTo(AuditTrail.digest("Write to jane@example.com for a refund."));
    assertThat(entries.get(0).details().toString()).doesNotContain("jane@example.com");
  }

  private static Drafts.Generated draft(String text) {
    return new Drafts.Generated(text, "test-model", "draft-v2", 40, 12, "[]");
  }

  private String request() {
    String id = UUID.randomUUID().toString();
    jdbc.update("insert into cs_review_request (id, process_instance_id, use_case, risk_tier, input_text, requester, "
        + "created_at) values (?, 'none', 'support', 'low', 'A question', 'requester', ?)", id,
        Timestamp.from(Instant.now()));
    return id;
  }
}
