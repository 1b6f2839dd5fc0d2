package dev.countersign.screening;

/** One thing screening found in a draft or its input. Details never repeat personal data in full. */
public record Finding(Kind kind, String detail) {

  public enum Kind {
    PII_EMAIL("E-mail address"),
    PII_PHONE("Phone number"),
    PII_IBAN("IBAN"),
    PII_CARD("Payment card number"),
    POLICY_TERM("Policy term"),
    PLACEHOLDER("Placeholder"),
    JUDGE("Judge"),
    JUDGE_UNAVAILABLE("Judge unavailable");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    boolean isPii() {
      return name().startsWith("PII_");
    }

    /** A rule's finding that keeps a draft from auto-approval and a final text from approval unconfirmed. */
    boolean isPolicy() {
      return this == POLICY_TERM || this == PLACEHOLDER;
    }
  }
}
