/** JMH benchmarks of aitrace against the OpenTelemetry SDK and instrumentation; see BENCHMARKS.md. */
package dev.aitrace.benchmarks;
