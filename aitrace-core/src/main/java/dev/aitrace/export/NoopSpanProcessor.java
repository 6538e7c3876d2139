package dev.aitrace.export;

enum NoopSpanProcessor implements SpanProcessor {
  INSTANCE
}
