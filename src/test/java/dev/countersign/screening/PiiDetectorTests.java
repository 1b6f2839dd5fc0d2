package dev.countersign.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PiiDetectorTests {

  private final PiiDetector detector = new PiiDetector();

  @Test
  void findsAnEmailAddressAndMasksIt() {
    assertThat(detector.detect("Write to jane.doe@example.com today."))
        .containsExactly(new Finding(Finding.Kind.PII_EMAIL, "j***@example.com"));
  }

  @Test
  void findsACardNumberThatPassesLuhn() {
    assertThat(detector.detect("Card 4111 1111 1111 1111 was charged."))
        .containsExactly(new Finding(Finding.Kind.PII_CARD, "card number ending 1111"));
  }

  @Test
  void ignoresSixteenDigitsThatFailLuhn() {
    assertThat(kinds("Order 4111 1111 1111 1112 shipped.")).doesNotContain(Finding.Kind.PII_CARD);
  }

  @Test
  void findsAValidIbanWithOrWithoutSpaces() {
    assertThat(detector.detect("Pay to DE89 3704 0044 0532 0130 00 please."))
        .containsExactly(new Finding(Finding.Kind.PII_IBAN, "IBAN ending 3000"));
    assertThat(kinds("GB82WEST12345698765432")).containsExactly(Finding.Kind.PII_IBAN);
  }

  @Test
  void ignoresAnIbanWithABadChecksum() {
    assertThat(kinds("DE89 3704 0044 0532 0130 01")).doesNotContain(Finding.Kind.PII_IBAN);
  }

  @Test
  void findsPhoneNumbersInCommonFormats() {
    assertThat(kinds("Call +44 20 7946 0958 or (030) 1234 5678.")).containsExactly(Finding.Kind.PII_PHONE, Finding.Kind.PII_PHONE);
  }

  @Test
  void leavesOrdinaryTextAlone() {
    assertThat(detector.detect("We opened in 2019 and answer within 24 hours, 7 days a week.")).isEmpty();
  }

  @Test
  void reportsACardOnceNotAlsoAsAPhoneNumber() {
    assertThat(kinds("5555555555554444")).containsExactly(Finding.Kind.PII_CARD);
  }

  @Test
  void luhnAndIbanChecksAreExact() {
    assertThat(PiiDetector.luhn("79927398713")).isFalse(); // valid Luhn but too short for a card
    assertThat(PiiDetector.luhn("4012888888881881")).isTrue();
    assertThat(PiiDetector.validIban("FR1420041010050500013M02606")).isTrue();
    assertThat(PiiDetector.validIban("FR1420041010050500013M02607")).isFalse();
  }

  private List<Finding.Kind> kinds(String text) {
    return detector.detect(text).stream().map(Finding::kind).toList();
  }
}
