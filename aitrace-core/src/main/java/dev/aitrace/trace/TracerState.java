package dev.aitrace.trace;

import dev.aitrace.export.SpanProcessor;
import io.opentelemetry.api.common.Attributes;
import java.util.concurrent.atomic.LongAdder;

/** What all tracers of one provider share: processor, limits, resource and counters. */
final class TracerState {
  final SpanProcessor processor;
  final SpanLimits limits;
  final Attributes resource;
  final boolean logCorrelation;
  final LongAdder droppedAttributes = new LongAdder();
  final LongAdder truncatedValues = new LongAdder();
  final LongAdder droppedEvents = new LongAdder();
  final LongAdder droppedLinks = new LongAdder();
  volatile boolean shutdown;

  TracerState(SpanProcessor processor, SpanLimits limits, Attributes resource, boolean logCorrelation) {
    this.processor = processor;
    this.limits = limits;
    this.resource = resource;
    this.logCorrelation = logCorrelation;
  }
}
