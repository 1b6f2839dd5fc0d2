package dev.countersign.screening;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds e-mail addresses, IBANs (ISO 13616 mod-97 check), payment card numbers (Luhn check) and
 * phone numbers. Checksums keep order numbers and the like from being flagged. Matches are blanked
 * as they are found so one number is not reported twice under two kinds.
 */
class PiiDetector {

  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b");
  private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
  private static final Pattern PHONE = Pattern.compile("(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,5}(?:[ .-]?\\d{2,5}){1,4}(?!\\w)");

  List<Finding> detect(String text) {
    List<Finding> findings = new ArrayList<>();
    StringBuilder rest = new StringBuilder(text);
    scan(EMAIL, rest, findings, match -> new Finding(Finding.Kind.PII_EMAIL, maskEmail(match)));
    scan(IBAN, rest, findings, match -> validIban(match)
        ? new Finding(Finding.Kind.PII_IBAN, "IBAN ending " + tail(match.replace(" ", ""), 4)) : null);
    scan(CARD, rest, findings, match -> luhn(digits(match))
        ? new Finding(Finding.Kind.PII_CARD, "card number ending " + tail(digits(match), 4)) : null);
    scan(PHONE, rest, findings, match -> {
      int count = digits(match).length();
      return count >= 8 && count <= 15 ? new Finding(Finding.Kind.PII_PHONE, "phone number ending " + tail(digits(match), 3)) : null;
    });
    return findings;
  }

  private interface Check {
    Finding apply(String match);
  }

  private static void scan(Pattern pattern, StringBuilder text, List<Finding> findings, Check check) {
    Matcher matcher = pattern.matcher(text.toString());
    while (matcher.find()) {
      Finding finding = check.apply(matcher.group());
      if (finding != null) {
        findings.add(finding);
        for (int i = matcher.start(); i < matcher.end(); i++) {
          text.setCharAt(i, ' ');
        }
      }
    }
  }

  static boolean luhn(String digits) {
    if (digits.length() < 13 || digits.length() > 19) {
      return false;
    }
    int sum = 0;
    boolean doubleIt = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }

  static boolean validIban(String candidate) {
    String iban = candidate.replace(" ", "");
    if (iban.length() < 15 || iban.length() > 34) {
      return false;
    }
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder numeric = new StringBuilder();
    for (char c : rearranged.toCharArray()) {
      numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }

  private static String digits(String text) {
    return text.replaceAll("\\D", "");
  }

  private static String tail(String text, int n) {
    return text.substring(Math.max(0, text.length() - n));
  }

  private static String maskEmail(String email) {
    int at = email.indexOf('@');
    return email.charAt(0) + "***" + email.substring(at);
  }
}
