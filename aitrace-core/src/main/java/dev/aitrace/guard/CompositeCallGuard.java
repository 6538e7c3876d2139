package dev.aitrace.guard;

import dev.aitrace.AiTraceBlockedException;
import dev.aitrace.internal.SelfLog;
import io.opentelemetry.context.Context;
import java.util.List;

/** Asks several guards in order: the first that blocks wins; faults of the others are absorbed. */
final class CompositeCallGuard implements CallGuard {
  private final CallGuard[] guards;

  CompositeCallGuard(List<CallGuard> guards) {
    this.guards = guards.toArray(new CallGuard[0]);
  }

  @Override
  public void beforeAiCall(Context context, AiCall call) {
    for (CallGuard guard : guards) {
      try {
        guard.beforeAiCall(context, call);
      } catch (AiTraceBlockedException e) {
        throw e;
      } catch (Throwable t) {
        SelfLog.fault("CallGuard " + guard.getClass().getName(), t);
      }
    }
  }
}
