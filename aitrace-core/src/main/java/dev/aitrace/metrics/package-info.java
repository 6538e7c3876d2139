/** AI-call metrics through the OpenTelemetry Metrics API, named after the GenAI semantic conventions. */
package dev.aitrace.metrics;
