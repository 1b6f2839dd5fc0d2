package dev.countersign.labeling;

/** A line of an item upload that cannot be kept, and so neither can the upload. */
class InvalidUploadException extends RuntimeException {

  private final int line;

  InvalidUploadException(int line, String problem) {
    super(line > 0 ? "Line " + line + ": " + problem + ". Nothing of this upload was kept." : problem);
    this.line = line;
  }

  int line() {
    return line;
  }
}
