package dev.countersign.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.StoreTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The kill switch's say over an auto-approval. It is global, so the test puts it back as it found it. */
@StoreTest
class AutomationSwitchTests {

  @Autowired
  AutomationSwitch automation;
  @Autowired
  AuditTrail audit;

  @Test
  void aHaltWithholdsAnAutoApprovalTellsThePersonWhyAndAuditsIt() {
    AutomationSwitch.State before = automation.state();
    String running = UUID.randomUUID().toString();
    String halted = UUID.randomUUID().toString();
    try {
      automation.set(false, "Test: running", "compliance");
      assertThat(automation.withholdAutoApproval(running, "- PII: none")).isEmpty();
      assertThat(audit.export(running).entries()).isEmpty();

      automation.set(true, "Test: model incident", "compliance");
      assertThat(automation.withholdAutoApproval(halted, "- PII: none")).get().asString()
          .startsWith("- Automation is halted").endsWith("\n- PII: none");
      assertThat(automation.withholdAutoApproval(UUID.randomUUID().toString(), null)).get().asString()
          .doesNotContain("null");
      List<AuditEntry> entries = audit.export(halted).entries();
      assertThat(entries).extracting(AuditEntry::type).containsExactly("auto-approval.withheld");
    } finally {
      automation.set(before.halted(), "Test: as it was", "compliance");
    }
  }
}
