package dev.countersign.system;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.web.client.ResourceAccessException;

/** Tells failures worth retrying (rate limits, server errors, timeouts) from those that are not. */
public final class LlmFailures {

  private LlmFailures() {}

  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NonTransientAiException) {
        return false;
      }
      if (t instanceof TransientAiException
          || t instanceof ResourceAccessException
          || t instanceof SocketTimeoutException
          || t instanceof HttpTimeoutException
          || t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  /** One line an operator can act on; Camunda keeps at most 666 characters of it. */
  static String summary(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String top = isTimeout(failure)
        ? "Timed out waiting for the LLM: " + failure.getClass().getSimpleName() + ": " + firstLine(failure.getMessage())
        : failure.getClass().getSimpleName() + ": " + firstLine(failure.getMessage());
    String text = root == failure ? top : top + " (cause: " + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")";
    return text.length() > 600 ? text.substring(0, 597) + "..." : text;
  }

  private static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
