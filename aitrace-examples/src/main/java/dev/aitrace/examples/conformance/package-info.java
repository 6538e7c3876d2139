/**
 * The service the W3C Trace Context conformance suite drives: {@code POST /test} through the trace
 * filter and the OkHttp tracing interceptor.
 */
package dev.aitrace.examples.conformance;
