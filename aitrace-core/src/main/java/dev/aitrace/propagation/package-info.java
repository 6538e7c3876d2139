/**
 * Carrying the trace across process boundaries: W3C {@code traceparent}/{@code tracestate}/{@code
 * baggage} and the {@code X-Trace-ID} header, for any carrier, plus an OkHttp interceptor.
 */
package dev.aitrace.propagation;
