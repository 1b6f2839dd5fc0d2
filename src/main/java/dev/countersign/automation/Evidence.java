package dev.countersign.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.system.Decision;
import dev.countersign.system.EditDistance;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

/**
 * What people's decisions show per use case and risk tier over the evidence window, from the
 * feedback store: how often a draft passes untouched, how much the edits change, what screening
 * found, and what reviewing cost. Engine-free.
 */
@Service
class Evidence {

  /** Edits are compared over at most this many characters of each text: a long text costs quadratic time. */
  static final int EDIT_DISTANCE_CHARS = 1_000;
  /** The decision the feedback store records for an auto-approval. */
  static final String AUTO = "auto";
  /** The routing table's review modes that automation sets. */
  static final String AUTO_MODE = "AUTO";
  static final String SINGLE_MODE = "SINGLE";

  /** One pair's evidence; shares are of people's decisions, auto-approvals excluded. */
  record Pair(String useCase, String riskTier, long decisions, long approvedUnedited, long edited, long rejected,
      double approvedUneditedShare, double editedShare, double rejectedShare, double wilsonLowerBound,
      double medianEditDistance, double findingsRate, long piiFindings, double reviewerMinutes,
      double medianMinutesPerDecision, long autoApproved, long audited, long auditedOverruled,
      double minutesAvoided) {

    String key() {
      return key(useCase, riskTier);
    }

    static String key(String useCase, String riskTier) {
      return useCase + "/" + riskTier;
    }
  }

  /** The latest audits of a pair running unattended: people's decisions on drafts routed {@code AUTO}. */
  record Audits(int audited, int overruledInARow, double overruledShare) {}

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final AutomationProperties properties;

  Evidence(JdbcTemplate jdbc, ObjectMapper json, AutomationProperties properties) {
    this.jdbc = jdbc;
    this.json = json;
    this.properties = properties;
  }

  /** Every pair decided within the window, ordered by use case and risk tier. */
  List<Pair> pairs(Instant now) {
    return tally(now, "", List.of());
  }

  /** One pair's evidence, reading only its rows. */
  Optional<Pair> pair(String useCase, String riskTier, Instant now) {
    return tally(now, " and f.use_case = ? and f.risk_tier = ?", List.of(useCase, riskTier)).stream().findFirst();
  }

  private List<Pair> tally(Instant now, String pairFilter, List<Object> pairArguments) {
    List<Object> arguments = new ArrayList<>();
    arguments.add(Timestamp.from(now.minus(properties.window())));
    arguments.addAll(pairArguments);
    Map<String, Tally> tallies = new LinkedHashMap<>();
    jdbc.query("select f.request_id, f.use_case, f.risk_tier, f.decision, f.review_mode, f.attempts, f.drafts_json, "
        // An approved placeholder is no evidence that drafts of this pair need no person.
        + "f.final_text from cs_feedback f where f.decided_at >= ? and f.placeholder = false" + pairFilter
        + " order by f.use_case, f.risk_tier, f.decided_at",
        (RowCallbackHandler) rs -> {
          String useCase = rs.getString("use_case");
          String riskTier = rs.getString("risk_tier");
          tallies.computeIfAbsent(Pair.key(useCase, riskTier), key -> new Tally(useCase, riskTier))
              .add(rs.getString("request_id"), rs.getString("decision"), rs.getString("review_mode"),
                  rs.getInt("attempts"), drafts(rs.getString("drafts_json")), rs.getString("final_text"));
        }, arguments.toArray());
    jdbc.query("select f.use_case, f.risk_tier, f.request_id, d.claimed_at, d.decided_at from cs_review_decision d "
        + "join cs_feedback f on f.request_id = d.request_id where f.decided_at >= ?" + pairFilter
        + " and d.claimed_at is not null",
        (RowCallbackHandler) rs -> {
          Tally tally = tallies.get(Pair.key(rs.getString(1), rs.getString(2)));
          if (tally != null) {
            long millis = rs.getTimestamp(5).getTime() - rs.getTimestamp(4).getTime();
            tally.minutes.merge(rs.getString(3), Math.max(0, millis) / 60_000.0, Double::sum);
          }
        }, arguments.toArray());
    return tallies.values().stream().map(Tally::pair).toList();
  }

  /** How a decided request went: its pair, the routing's review mode, and the decision recorded. */
  record Decided(String useCase, String riskTier, String reviewMode, String decision) {

    /** A person decided a draft the routing had sent {@code AUTO}. */
    boolean audit() {
      return AUTO_MODE.equals(reviewMode) && !AUTO.equals(decision);
    }
  }

  Optional<Decided> decided(String requestId) {
    return jdbc.query("select use_case, risk_tier, review_mode, decision from cs_feedback where request_id = ?",
        (rs, row) -> new Decided(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), requestId)
        .stream().findFirst();
  }

  /** The latest {@code driftWindow} audits of a pair, newest first, as the drift rule reads them. */
  Audits audits(String useCase, String riskTier) {
    List<Boolean> overruled = jdbc.query("""
        select decision, attempts from cs_feedback where use_case = ? and risk_tier = ? and review_mode = ?
        and decision <> ? order by decided_at desc fetch first ? rows only""",
        (rs, row) -> overruled(rs.getString(1), rs.getInt(2)), useCase, riskTier, AUTO_MODE, AUTO,
        properties.driftWindow());
    int inARow = 0;
    while (inARow < overruled.size() && overruled.get(inARow)) {
      inARow++;
    }
    long count = overruled.stream().filter(Boolean::booleanValue).count();
    return new Audits(overruled.size(), inARow, overruled.isEmpty() ? 0 : (double) count / overruled.size());
  }

  /** A person changed the outcome: edited the text, rejected it in the end, or rejected a draft before approving a redraft. */
  private static boolean overruled(String decision, int attempts) {
    return Decision.EDIT.is(decision) || Decision.REJECT.is(decision) || attempts > 1;
  }

  private record DraftFacts(String lastText, boolean finding, boolean pii) {}

  private DraftFacts drafts(String draftsJson) {
    try {
      JsonNode drafts = json.readTree(draftsJson);
      boolean finding = false;
      boolean pii = false;
      String last = null;
      for (JsonNode draft : drafts) {
        pii |= draft.path("piiFound").asBoolean(false);
        finding |= draft.path("piiFound").asBoolean(false) || draft.path("policyHit").asBoolean(false);
        last = draft.path("text").asText(null);
      }
      return new DraftFacts(last, finding, pii);
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable drafts in the feedback store", e);
    }
  }

  /** {@link EditDistance#normalised} over the first {@link #EDIT_DISTANCE_CHARS} characters of each text. */
  static double normalisedEditDistance(String a, String b) {
    String left = a == null ? "" : a.substring(0, Math.min(a.length(), EDIT_DISTANCE_CHARS));
    String right = b == null ? "" : b.substring(0, Math.min(b.length(), EDIT_DISTANCE_CHARS));
    return EditDistance.normalised(left, right);
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static final class Tally {
    final String useCase;
    final String riskTier;
    final Map<String, Double> minutes = new HashMap<>();
    final List<String> humanDecided = new ArrayList<>();
    final List<Double> editDistances = new ArrayList<>();
    long requests;
    long approvedUnedited;
    long edited;
    long rejected;
    long findings;
    long pii;
    long autoApproved;
    long audited;
    long auditedOverruled;

    Tally(String useCase, String riskTier) {
      this.useCase = useCase;
      this.riskTier = riskTier;
    }

    void add(String requestId, String decision, String reviewMode, int attempts, DraftFacts drafts, String finalText) {
      requests++;
      findings += drafts.finding() ? 1 : 0;
      pii += drafts.pii() ? 1 : 0;
      if (AUTO.equals(decision)) {
        autoApproved++;
        return;
      }
      humanDecided.add(requestId);
      if (Decision.APPROVE.is(decision)) {
        approvedUnedited++;
      } else if (Decision.EDIT.is(decision)) {
        edited++;
      } else {
        rejected++;
      }
      if (!Decision.REJECT.is(decision)) {
        editDistances.add(normalisedEditDistance(drafts.lastText(), finalText));
      }
      if (AUTO_MODE.equals(reviewMode)) {
        audited++;
        auditedOverruled += overruled(decision, attempts) ? 1 : 0;
      }
    }

    Pair pair() {
      long decisions = approvedUnedited + edited + rejected;
      List<Double> perDecision = humanDecided.stream().map(id -> minutes.getOrDefault(id, 0.0)).toList();
      double reviewerMinutes = perDecision.stream().mapToDouble(Double::doubleValue).sum();
      double medianMinutes = median(perDecision);
      return new Pair(useCase, riskTier, decisions, approvedUnedited, edited, rejected,
          share(approvedUnedited, decisions), share(edited, decisions), share(rejected, decisions),
          Wilson.lowerBound(approvedUnedited, decisions), median(editDistances), share(findings, requests), pii,
          reviewerMinutes, medianMinutes, autoApproved, audited, auditedOverruled, autoApproved * medianMinutes);
    }

    private static double share(long part, long whole) {
      return whole == 0 ? 0 : (double) part / whole;
    }
  }
}
