package dev.aitrace.alert;

import dev.aitrace.internal.SelfLog;
import java.util.List;

/** Tells several listeners in order, isolating their faults. */
final class CompositeAlertListener implements AlertListener {
  private final List<AlertListener> listeners;

  CompositeAlertListener(List<AlertListener> listeners) {
    this.listeners = listeners;
  }

  @Override
  public void onAlert(Alert alert) {
    for (AlertListener listener : listeners) {
      try {
        listener.onAlert(alert);
      } catch (Throwable t) {
        SelfLog.fault("AlertListener.onAlert " + listener.getClass().getName(), t);
      }
    }
  }

  @Override
  public void close() {
    for (AlertListener listener : listeners) {
      try {
        listener.close();
      } catch (Throwable t) {
        SelfLog.fault("AlertListener.close " + listener.getClass().getName(), t);
      }
    }
  }
}
