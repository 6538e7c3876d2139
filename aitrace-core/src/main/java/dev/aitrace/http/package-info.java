/**
 * HTTP client instrumentation: {@link dev.aitrace.http.TracingInterceptor} for OkHttp records a
 * CLIENT span per request and propagates the trace; {@link dev.aitrace.http.HttpAttributes} names
 * the HTTP semantic-convention attributes.
 */
package dev.aitrace.http;
