/**
 * Carrying the trace across process boundaries: {@link dev.aitrace.propagation.AiTracePropagator}
 * reads and writes W3C {@code traceparent}/{@code tracestate}/{@code baggage} and {@code X-Trace-ID}
 * for any carrier, strictly, so that malformed input starts a new trace and is never echoed; {@link
 * dev.aitrace.propagation.TraceIdHeader} is the id a user can quote.
 */
package dev.aitrace.propagation;
