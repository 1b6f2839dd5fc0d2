package dev.countersign.generation;

/** The model answered, but with nothing a reviewer could work on. Not worth retrying as is. */
class UnusableOutputException extends RuntimeException {

  UnusableOutputException(String message) {
    super(message);
  }
}
