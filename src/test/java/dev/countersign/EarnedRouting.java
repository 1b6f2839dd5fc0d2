package dev.countersign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.RepositoryService;

/**
 * The latest routing table with one pair routed AUTO in front of its rules, deployed as the next
 * version: what automation-review deploys once a pair has earned it (that path has its own tests).
 * The shipped table itself auto-approves nothing.
 */
public final class EarnedRouting {

  private EarnedRouting() {}

  /** Deploys it; returns the deployment's id, to delete (with cascade) when the test is done. */
  public static String deploy(RepositoryService repository, String useCase, String riskTier, double auditSampleRate) {
    String latest;
    String definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey("review-routing")
        .latestVersion().singleResult().getId();
    try (InputStream in = repository.getDecisionModel(definition)) {
      latest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String id = "Earned" + System.nanoTime();
    String rule = """
        <rule id="Rule_%1$s">
          <inputEntry id="InputEntry_%1$s_UseCase"><text>"%2$s"</text></inputEntry>
          <inputEntry id="InputEntry_%1$s_RiskTier"><text>"%3$s"</text></inputEntry>
          <outputEntry id="OutputEntry_%1$s_Mode"><text>"AUTO"</text></outputEntry>
          <outputEntry id="OutputEntry_%1$s_Group"><text>"reviewers"</text></outputEntry>
          <outputEntry id="OutputEntry_%1$s_Sla"><text>"PT8H"</text></outputEntry>
          <outputEntry id="OutputEntry_%1$s_Attempts"><text>3</text></outputEntry>
          <outputEntry id="OutputEntry_%1$s_Sample"><text>%4$s</text></outputEntry>
          <outputEntry id="OutputEntry_%1$s_Blind"><text>false</text></outputEntry>
          <outputEntry id="OutputEntry_%1$s_Reviewers"><text>1</text></outputEntry>
        </rule>
        """.formatted(id, useCase, riskTier, auditSampleRate);
    int first = latest.indexOf("<rule id=");
    String earned = latest.substring(0, first) + rule + latest.substring(first);
    return repository.createDeployment().name("earned:" + useCase + "/" + riskTier)
        .addString("review-routing.dmn", earned).deploy().getId();
  }
}
