package dev.countersign.dashboard;

import dev.countersign.automation.AutomationActivity;
import dev.countersign.memory.CorrectionMemory;
import dev.countersign.oversight.AutomationSwitch;
import dev.countersign.promotion.ModelCandidates;
import dev.countersign.promotion.ModelChampions;
import dev.countersign.promotion.PromptChampions;
import dev.countersign.review.LlmOutputReview;
import dev.countersign.review.ReviewQueue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Reads the dashboard's figures. Every read is bounded: a window, a page, or one row per use case. */
@Service
class Dashboard {

  static final int LATEST_INCIDENTS = 20;
  /**
   * Memory's size counts every recallable review, not a window, so it grows with the years; it and
   * the champions change slowly, so they are read at most once a minute whoever is watching.
   */
  static final Duration LEARNING_REFRESH = Duration.ofMinutes(1);
  static final int LATEST_RETRAININGS = 10;
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final JdbcTemplate jdbc;
  private final ReviewQueue queue;
  private final RuntimeService runtime;
  private final WorkerLatency workers;
  private final AutomationActivity automation;
  private final AutomationSwitch automationSwitch;
  private final CorrectionMemory memory;
  private final PromptChampions prompts;
  private final ModelChampions models;
  private final ModelCandidates candidates;
  private final DashboardProperties properties;
  private volatile Learned learned;

  private record Learned(DashboardFigures.Learning learning, Instant at) {}

  Dashboard(JdbcTemplate jdbc, ReviewQueue queue, RuntimeService runtime, WorkerLatency workers,
      AutomationActivity automation, AutomationSwitch automationSwitch, CorrectionMemory memory,
      PromptChampions prompts, ModelChampions models, ModelCandidates candidates, DashboardProperties properties) {
    this.jdbc = jdbc;
    this.queue = queue;
    this.runtime = runtime;
    this.workers = workers;
    this.automation = automation;
    this.automationSwitch = automationSwitch;
    this.memory = memory;
    this.prompts = prompts;
    this.models = models;
    this.candidates = candidates;
    this.properties = properties;
  }

  DashboardFigures figures(Instant now) {
    Timestamp since = Timestamp.from(now.minus(properties.window()));
    return new DashboardFigures(now, properties.window(), queue(now), decisionsPerHour(since), timeToDecision(since),
        taskDecisions(since), incidents(), workers.stages(), tokens(since), properties.currency(),
        new DashboardFigures.Automation(automation.since(since.toInstant()), automationSwitch.halted()), learning(now));
  }

  private DashboardFigures.Learning learning(Instant now) {
    Learned last = learned;
    if (last == null || last.at().plus(LEARNING_REFRESH).isBefore(now)) {
      last = new Learned(learning(), now);
      learned = last;
    }
    return last.learning();
  }

  private List<DashboardFigures.Queue> queue(Instant now) {
    return queue.counts(now).entrySet().stream().map(group -> new DashboardFigures.Queue(group.getKey(),
        group.getValue().underOneHour(), group.getValue().oneToEightHours(), group.getValue().eightToTwentyFourHours(),
        group.getValue().olderThanADay(), group.getValue().overdue())).toList();
  }

  private List<DashboardFigures.Decisions> decisionsPerHour(Timestamp since) {
    return jdbc.query(DashboardQueries.DECISIONS_PER_HOUR, (rs, row) -> new DashboardFigures.Decisions(
        hour(rs.getObject(1, LocalDate.class), rs.getInt(2)), rs.getString(3), rs.getString(4), rs.getLong(5)), since)
        .stream().sorted((a, b) -> a.hour().compareTo(b.hour())).toList();
  }

  private static String hour(LocalDate day, int hour) {
    return String.format("%s %02d:00", day, hour);
  }

  private List<DashboardFigures.TimeToDecision> timeToDecision(Timestamp since) {
    return jdbc.query(DashboardQueries.TIME_TO_DECISION, (rs, row) -> new DashboardFigures.TimeToDecision(
        rs.getString(1), rs.getLong(2), minutes(rs.getDouble(3)), minutes(rs.getDouble(4))), since);
  }

  /** To a thousandth of a minute, so a test's sub-second decisions still show. */
  private static double minutes(double millis) {
    return Math.round(millis / 60.0) / 1000.0;
  }

  private List<DashboardFigures.TaskDecisions> taskDecisions(Timestamp since) {
    return jdbc.query(DashboardQueries.TASK_DECISIONS, (rs, row) -> new DashboardFigures.TaskDecisions(
        rs.getString(1), rs.getString(2), rs.getLong(3)), since, LlmOutputReview.Elements.ESCALATED_REVIEW,
        LlmOutputReview.Elements.COMPLIANCE_DECISION);
  }

  private DashboardFigures.Incidents incidents() {
    List<DashboardFigures.Incident> latest = runtime.createIncidentQuery().orderByIncidentTimestamp().desc()
        .listPage(0, LATEST_INCIDENTS).stream()
        .map(i -> new DashboardFigures.Incident(i.getIncidentType(), i.getActivityId(), i.getIncidentMessage(),
            i.getProcessInstanceId(), i.getIncidentTimestamp().toInstant(),
            "/camunda/app/cockpit/default/#/process-instance/" + i.getProcessInstanceId()
                + "/runtime?tab=incidents-tab"))
        .toList();
    return new DashboardFigures.Incidents(runtime.createIncidentQuery().count(), latest);
  }

  private List<DashboardFigures.Tokens> tokens(Timestamp since) {
    Map<String, DashboardProperties.Price> prices = properties.prices().stream()
        .collect(Collectors.toMap(DashboardProperties.Price::model, Function.identity(), (a, b) -> b));
    return jdbc.query(DashboardQueries.TOKENS, (rs, row) -> {
      String model = rs.getString(2);
      long prompt = rs.getLong(4);
      long completion = rs.getLong(5);
      BigDecimal cost = Optional.ofNullable(prices.get(model))
          .map(price -> price.promptPerMillion().multiply(BigDecimal.valueOf(prompt))
              .add(price.completionPerMillion().multiply(BigDecimal.valueOf(completion)))
              .divide(MILLION, 4, RoundingMode.HALF_UP))
          .orElse(null);
      return new DashboardFigures.Tokens(rs.getString(1), model, rs.getLong(3), prompt, completion, cost);
    }, since);
  }

  /** Read now, uncached. */
  DashboardFigures.Learning learning() {
    Map<String, DashboardFigures.Champion> champions = new TreeMap<>();
    prompts.all().forEach(c -> champions.put(c.useCase(),
        new DashboardFigures.Champion(c.useCase(), c.promptVersion(), null)));
    models.all().forEach(c -> champions.merge(c.useCase(),
        new DashboardFigures.Champion(c.useCase(), null, c.current().name()),
        (prompt, model) -> new DashboardFigures.Champion(prompt.useCase(), prompt.promptVersion(), model.model())));
    List<DashboardFigures.Retraining> retrainings = new ArrayList<>();
    candidates.list(null, LATEST_RETRAININGS).forEach(c -> retrainings.add(new DashboardFigures.Retraining(
        c.useCase(), c.name(), c.backend(), c.status().name(), c.createdAt(), c.finishedAt(), c.error())));
    return new DashboardFigures.Learning(memory.sizes(), List.copyOf(champions.values()), retrainings);
  }
}
