package dev.aitrace.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where aitrace reports its own faults. Instrumentation and pipeline code never let an exception
 * reach the application: they call {@link #fault} instead, which counts the fault and logs it once
 * per {@code where}, so a fault on a hot path cannot flood the application's log.
 *
 * <p>Thread-safe.
 */
public final class SelfLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.aitrace");
  private static final LongAdder FAULTS = new LongAdder();
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  private SelfLog() {}

  /**
   * Counts a fault caught inside aitrace and logs it the first time it happens at {@code where}.
   * Rethrows only errors that mean the JVM itself is in trouble.
   */
  public static void fault(String where, Throwable t) {
    rethrowIfFatal(t);
    FAULTS.increment();
    if (LOGGED.add(where)) {
      LOG.warn("aitrace: internal fault in {} (logged once, counted from now on)", where, t);
    }
  }

  /** Logs a warning once per {@code key}; for conditions that are not faults, like an unknown price. */
  public static void warnOnce(String key, String message, Object... args) {
    if (LOGGED.add(key)) {
      LOG.warn(message, args);
    }
  }

  /** How many internal faults aitrace has caught and absorbed since the JVM started. */
  public static long faultCount() {
    return FAULTS.sum();
  }

  /** Rethrows {@link VirtualMachineError} and {@link LinkageError}; returns for anything else. */
  public static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError) {
      throw (VirtualMachineError) t;
    }
    if (t instanceof LinkageError) {
      throw (LinkageError) t;
    }
  }
}
