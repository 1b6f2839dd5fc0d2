package dev.countersign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.RepositoryService;

/**
 * The shipped routing table with one pair routed AUTO in front of its rules, deployed as the latest
 * version: what automation-review deploys once a pair has earned it (that path has its own tests).
 * The shipped table itself auto-approves nothing.
 */
public final class EarnedRouting {

  private EarnedRouting() {}

  /** Deploys it; returns the deployment's id, to delete (with cascade) when the test is done. */
  public static String deploy(RepositoryService repository, String useCase, String riskTier, double auditSampleRate) {
    String shipped;
    try (InputStream in = EarnedRouting.class.getResourceAsStream("/processes/review-routing.dmn")) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String rule = """
        <rule id="Rule_Earned">
          <inputEntry id="InputEntry_Earned_UseCase"><text>"%s"</text></inputEntry>
          <inputEntry id="InputEntry_Earned_RiskTier"><text>"%s"</text></inputEntry>
          <outputEntry id="OutputEntry_Earned_Mode"><text>"AUTO"</text></outputEntry>
          <outputEntry id="OutputEntry_Earned_Group"><text>"reviewers"</text></outputEntry>
          <outputEntry id="OutputEntry_Earned_Sla"><text>"PT8H"</text></outputEntry>
          <outputEntry id="OutputEntry_Earned_Attempts"><text>3</text></outputEntry>
          <outputEntry id="OutputEntry_Earned_Sample"><text>%s</text></outputEntry>
          <outputEntry id="OutputEntry_Earned_Blind"><text>false</text></outputEntry>
          <outputEntry id="OutputEntry_Earned_Reviewers"><text>1</text></outputEntry>
        </rule>
        """.formatted(useCase, riskTier, auditSampleRate);
    int first = shipped.indexOf("<rule id=");
    String earned = shipped.substring(0, first) + rule + shipped.substring(first);
    return repository.createDeployment().name("earned:" + useCase + "/" + riskTier)
        .addString("review-routing.dmn", earned).deploy().getId();
  }
}
