package dev.aitrace.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.aitrace.internal.SelfLog;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropagatorFaultsTest {
  private static final ContextKey<String> MARK = ContextKey.named("mark");
  private final AiTracePropagator propagator = AiTracePropagator.create();
  private final Context marked = Context.root().with(MARK, "kept");

  private static final TextMapGetter<Object> THROWING_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Object carrier) {
          throw new IllegalStateException("keys");
        }

        @Override
        public String get(Object carrier, String key) {
          throw new IllegalStateException("get " + key);
        }
      };

  private static final TextMapGetter<Object> NULL_ITERATOR_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Object carrier) {
          return List.of();
        }

        @Override
        public String get(Object carrier, String key) {
          return null;
        }

        @Override
        public Iterator<String> getAll(Object carrier, String key) {
          return null;
        }
      };

  /** Reads a map, but fails on baggage: the trace must still come through. */
  private static final TextMapGetter<Map<String, String>> FAILS_ON_BAGGAGE =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          if (key.equals("baggage")) {
            throw new UnsupportedOperationException("baggage");
          }
          return carrier == null ? null : carrier.get(key);
        }
      };

  @Test
  void throwingGetter_returnsTheGivenContext_andIsCounted() {
    long before = SelfLog.faultCount();
    Context result = propagator.extract(marked, new Object(), THROWING_GETTER);
    assertThat(result.get(MARK)).isEqualTo("kept");
    assertThat(Span.fromContext(result).getSpanContext().isValid()).isFalse();
    assertThat(SelfLog.faultCount()).isGreaterThan(before);
  }

  @Test
  void nullCarrier_nullIterator_nullGetter_nullContext_noException() {
    assertThat(propagator.extract(marked, null, FAILS_ON_BAGGAGE).get(MARK)).isEqualTo("kept");
    assertThat(propagator.extract(marked, new Object(), NULL_ITERATOR_GETTER)).isSameAs(marked);
    assertThat(propagator.extract(marked, new Object(), null)).isSameAs(marked);
    assertThat(propagator.extract(null, Map.of(), FAILS_ON_BAGGAGE)).isEqualTo(Context.root());
  }

  @Test
  void aGetterFailingOnOneHeader_doesNotLoseTheOthers() {
    Context result = propagator.extract(Context.root(),
        Map.of("traceparent", "00-12345678901234567890123456789012-1234567890123456-01"), FAILS_ON_BAGGAGE);
    assertThat(Span.fromContext(result).getSpanContext().getTraceId()).isEqualTo("12345678901234567890123456789012");
  }

  @Test
  void throwingSetter_nullSetter_nullCarrier_nullContext_noException() {
    Context context = propagator.extract(Context.root(),
        Map.of("traceparent", "00-12345678901234567890123456789012-1234567890123456-01", "baggage", "a=1"),
        FAILS_ON_BAGGAGE);
    List<String> attempted = new ArrayList<>();
    TextMapSetter<Object> throwing = (carrier, key, value) -> {
      attempted.add(key);
      throw new IllegalStateException("set " + key);
    };
    assertThatCode(() -> propagator.inject(context, new Object(), throwing)).doesNotThrowAnyException();
    assertThat(attempted).contains("traceparent", "X-Trace-ID");
    assertThatCode(() -> propagator.inject(context, null, (c, k, v) -> { })).doesNotThrowAnyException();
    assertThatCode(() -> propagator.inject(context, new Object(), null)).doesNotThrowAnyException();
    assertThatCode(() -> propagator.inject(null, new Object(), throwing)).doesNotThrowAnyException();
  }

  @Test
  void aGetterYieldingNullsForever_doesNotHang() {
    TextMapGetter<Object> endless =
        new TextMapGetter<>() {
          @Override
          public Iterable<String> keys(Object carrier) {
            return List.of();
          }

          @Override
          public String get(Object carrier, String key) {
            return null;
          }

          @Override
          public Iterator<String> getAll(Object carrier, String key) {
            return new Iterator<>() {
              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public String next() {
                return null;
              }
            };
          }
        };
    assertThat(propagator.extract(marked, new Object(), endless)).isSameAs(marked);
  }

  @Test
  void fields_nameEveryHeaderWritten() {
    assertThat(propagator.fields()).containsExactly("traceparent", "tracestate", "baggage", "X-Trace-ID");
  }
}
