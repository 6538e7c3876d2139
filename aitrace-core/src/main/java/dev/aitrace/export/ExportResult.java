package dev.aitrace.export;

/** The outcome of one export or flush call. */
public enum ExportResult {
  SUCCESS,
  FAILURE;

  public boolean isSuccess() {
    return this == SUCCESS;
  }
}
