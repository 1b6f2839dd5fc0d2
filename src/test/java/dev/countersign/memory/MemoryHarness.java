package dev.countersign.memory;

import static dev.countersign.review.LlmOutputReview.Variables.CONFIRM_FINDINGS;
import static dev.countersign.review.LlmOutputReview.Variables.DECISION;
import static dev.countersign.review.LlmOutputReview.Variables.DRAFT;
import static dev.countersign.review.LlmOutputReview.Variables.INPUT;
import static dev.countersign.review.LlmOutputReview.Variables.REASON;
import static dev.countersign.review.LlmOutputReview.Variables.RISK_TIER;
import static dev.countersign.review.LlmOutputReview.Variables.USE_CASE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.AppOverHttp;
import dev.countersign.BenchmarkReport;
import dev.countersign.review.LlmOutputReview;
import dev.countersign.system.EditDistance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A replayed reviewer over the real pipeline (engine, in-app workers, offline drafter, memory): in
 * each batch every topic is asked once more, in new words; the reviewer approves a draft that
 * already says the reference answer and otherwise edits it into the reference. Prints, per batch,
 * the share of drafts that needed an edit, the mean normalised edit distance (Levenshtein over the
 * longer text) from draft to reference, and wrong adoptions: drafts that gave another topic's
 * answer, which are worse than a template. Two workloads, each in its own use case: ten topics in
 * near-identical wordings, and {@link ParaphraseWorkload}'s thirty in real paraphrases with near
 * misses. Subclasses run it with memory on and off.
 */
abstract class MemoryHarness extends AppOverHttp {

  /** Ten topics of a support desk: five wordings of each question, and the answer reviewers want. */
  static final List<Topic> TOPICS = List.of(
      new Topic("Open Settings, then Security, choose Reset password and follow the link we e-mail you.",
          "How do I reset my password?", "How can I reset my password?", "How do I reset my account password?",
          "What is the way to reset my password?", "Can you tell me how to reset my password?"),
      new Topic("Invoices are under Billing, then Invoices; choose the month and Download PDF.",
          "Where can I download my invoice?", "How do I download my invoice?", "Where do I find my invoice to download?",
          "Can I download my invoice somewhere?", "Where is the invoice download?"),
      new Topic("Go to Billing, then Payment methods, add the new card and make it the default.",
          "How do I change my credit card?", "How can I update my credit card?", "How do I change the card I pay with?",
          "Can I change my credit card details?", "Where do I update my credit card?"),
      new Topic("You can return items within 30 days with the receipt; the refund reaches you in five working days.",
          "Can I return an item I bought?", "How do I return something I bought?", "Can I return a product I purchased?",
          "Is it possible to return an item I bought?", "What is your return policy for purchases?"),
      new Topic("Open Plan, choose Cancel subscription and confirm; you keep access until the period ends.",
          "How do I cancel my subscription?", "How can I cancel my subscription?", "I want to cancel my subscription, how?",
          "What do I do to cancel my subscription?", "Can you help me cancel my subscription?"),
      new Topic("Open Profile, then Email, enter the new address and confirm the link we send to it.",
          "How do I change my email address?", "How can I change my e-mail address?", "How do I update my email address?",
          "Can I change the email address on my account?", "Where do I change my email address?"),
      new Topic("Standard delivery takes three to five working days; express arrives the next working day.",
          "How long does delivery take?", "How long will delivery take?", "What is the delivery time?",
          "How many days does delivery take?", "When will my delivery arrive?"),
      new Topic("Our support line is open Monday to Friday, 9:00 to 17:00, on 0800 123 456.",
          "What are your support opening hours?", "When is your support line open?", "What hours is support available?",
          "At what times can I call support?", "When can I reach your support team?"),
      new Topic("Open Account, choose Delete account and confirm; we erase your data within 30 days.",
          "How do I delete my account?", "How can I delete my account?", "I want to delete my account, how?",
          "What do I do to delete my account?", "Can you help me delete my account?"),
      new Topic("Yes: open Plan, choose Change plan and pick the new one; the price changes from the next bill.",
          "Can I upgrade my plan?", "How do I upgrade my plan?", "How can I change to a bigger plan?",
          "Is it possible to upgrade my plan?", "Where do I upgrade my plan?"));

  record Topic(String answer, String... questions) {}

  record Workload(String name, String useCase, List<Topic> topics) {

    int batches() {
      return topics.stream().mapToInt(t -> t.questions().length).min().orElse(0);
    }
  }

  static final List<Workload> WORKLOADS = List.of(
      new Workload("near-identical wordings", "support-desk", TOPICS),
      new Workload("paraphrases and near misses", "support-paraphrase", ParaphraseWorkload.TOPICS));

  /** How many distinct approved answers a prompt carries (countersign.generation.memory-examples). */
  private static final int EXAMPLES = 3;

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;

  abstract String label();

  void run() throws Exception {
    for (Workload workload : WORKLOADS) {
      run(workload);
    }
  }

  private void run(Workload workload) throws Exception {
    List<Topic> topics = workload.topics();
    StringBuilder report = new StringBuilder(String.format("%nCountersign few-shot memory harness, memory %s, "
        + "%s (offline drafter, %d topics, use case %s)%n  batch  edited  edit rate  mean normalised edit distance"
        + "  wrong adoptions%n", label(), workload.name(), topics.size(), workload.useCase()));
    double firstRate = 0;
    double fifthRate = 0;
    int drafts = 0;
    int wrong = 0;
    int recalled = 0;
    for (int batch = 0; batch < workload.batches(); batch++) {
      int edited = 0;
      int wrongInBatch = 0;
      double distance = 0;
      for (Topic topic : topics) {
        Reviewed reviewed = review(workload.useCase(), topic.questions()[batch], topic.answer());
        String draft = reviewed.draft();
        recalled += batch > 0 && examplesGiven(reviewed.requestId()).contains(topic.answer()) ? 1 : 0;
        double d = normalisedDistance(draft, topic.answer());
        distance += d;
        edited += d > 0 ? 1 : 0;
        wrongInBatch += topics.stream().anyMatch(other -> other != topic
            && normalisedDistance(draft, other.answer()) == 0) ? 1 : 0;
      }
      drafts += topics.size();
      wrong += wrongInBatch;
      double rate = edited / (double) topics.size();
      if (batch == 0) {
        firstRate = rate;
      }
      report.append(String.format("  %5d  %6d  %9.2f  %29.3f  %15d%n", batch + 1, edited, rate,
          distance / topics.size(), wrongInBatch));
      if (batch == 4) {
        fifthRate = rate;
      }
    }
    report.append(String.format("  edits in batch 5 vs batch 1: %s%n", firstRate == 0 ? "n/a"
        : String.format("%.0f%% fewer", 100 * (1 - fifthRate / firstRate))));
    report.append(String.format("  wrong adoptions: %d of %d drafts (%.1f%%)%n", wrong, drafts, 100.0 * wrong / drafts));
    int asked = drafts - topics.size();
    report.append(String.format("  recall@%d (batches 2+): the topic's approved answer among the examples given in "
        + "%d of %d drafts (%.1f%%)%n", EXAMPLES, recalled, asked, 100.0 * recalled / asked));
    BenchmarkReport.publish(report.toString());
  }

  /** The approved answers the draft of {@code requestId} was written with: what a real model is given as examples. */
  private List<String> examplesGiven(String requestId) throws Exception {
    String used = jdbc.queryForObject("select memories_json from cs_review_draft where request_id = ? and attempt = 1",
        String.class, requestId);
    List<String> answers = new ArrayList<>();
    for (JsonNode memory : new ObjectMapper().readTree(used == null ? "[]" : used)) {
      if ("approved".equals(memory.path("kind").asText())) {
        answers.addAll(jdbc.queryForList("select final_text from cs_feedback where request_id = ?", String.class,
            memory.path("requestId").asText()));
      }
    }
    return answers;
  }

  /** The request's id and the draft the replayed reviewer saw. */
  private record Reviewed(String requestId, String draft) {}

  /** One request through the pipeline; the replayed reviewer decides it. */
  private Reviewed review(String useCase, String question, String reference) throws InterruptedException {
    ProcessInstance instance = runtime.startProcessInstanceByKey(LlmOutputReview.PROCESS_KEY,
        Map.of(USE_CASE, useCase, INPUT, question, RISK_TIER, "medium"));
    String pi = instance.getId();
    Task task = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (task == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("No review task for '" + question + "' within 60 s");
      }
      task = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(LlmOutputReview.Elements.REVIEW_DRAFT)
          .singleResult();
      if (task == null) {
        Thread.sleep(20);
      }
    }
    String draft = (String) tasks.getVariable(task.getId(), DRAFT);
    tasks.claim(task.getId(), "reviewer");
    Map<String, Object> decision = new HashMap<>();
    boolean same = normalisedDistance(draft, reference) == 0;
    decision.put(DECISION, same ? "approve" : "edit");
    // One reference answer gives the support line's number, which screening flags: confirmed on purpose.
    decision.put(REASON, same ? "Our public support line, on purpose" : "Give the steps we support");
    decision.put(CONFIRM_FINDINGS, true);
    decision.put(DRAFT, reference);
    tasks.complete(task.getId(), decision);
    return new Reviewed(instance.getBusinessKey(), draft);
  }

  static double normalisedDistance(String a, String b) {
    return EditDistance.normalised(a.strip(), b.strip());
  }
}
