package dev.aitrace.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs alerts as SLF4J warnings, with their details. */
final class LogAlertListener implements AlertListener {
  static final LogAlertListener INSTANCE = new LogAlertListener();
  private static final Logger LOG = LoggerFactory.getLogger("dev.aitrace.alert");

  private LogAlertListener() {}

  @Override
  public void onAlert(Alert alert) {
    LOG.warn("aitrace alert {}: {} {}", alert.type(), alert.message(), alert.details());
  }

  @Override
  public String toString() {
    return "AlertListener.log()";
  }
}
