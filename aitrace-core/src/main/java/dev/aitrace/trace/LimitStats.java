package dev.aitrace.trace;

/**
 * How often the {@link SpanLimits} cut something, across all spans of one provider.
 *
 * @param droppedAttributes attributes not recorded because a span or event was full
 * @param truncatedValues attribute values cut to the maximum length
 * @param droppedEvents events not recorded because a span was full
 * @param droppedLinks links not recorded because a span was full
 */
public record LimitStats(long droppedAttributes, long truncatedValues, long droppedEvents, long droppedLinks) {}
