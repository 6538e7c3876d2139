package dev.aitrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitrace.export.InMemorySpanExporter;
import dev.aitrace.export.SpanRecord;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentTracerTest {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final AiTrace aiTrace =
      AiTrace.builder().serviceName("agents-test").addExporter(spans).shutdownHook(false).build();

  @AfterEach
  void close() {
    aiTrace.close();
  }

  @Test
  void nestedAgentsAndTools_shareOneTrace_withParents_andAttribution() {
    Attribution who = Attribution.builder().userId("u-1").taskId("t-9").budgetCategory("consulting").build();
    try (Scope ignored = who.makeCurrent()) {
      aiTrace.agents().invokeAgent("manager", () -> {
        aiTrace.agents().invokeAgent("recruiter", () -> aiTrace.agents().executeTool("search", () -> "ok"));
      });
    }
    aiTrace.flush();
    List<SpanRecord> all = spans.getFinishedSpans();
    assertThat(all).extracting(SpanRecord::name)
        .containsExactly("execute_tool search", "invoke_agent recruiter", "invoke_agent manager");
    SpanRecord tool = all.get(0);
    SpanRecord recruiter = all.get(1);
    SpanRecord manager = all.get(2);
    assertThat(tool.traceId()).isEqualTo(manager.traceId()).isEqualTo(recruiter.traceId());
    assertThat(tool.parentSpanId()).isEqualTo(recruiter.spanId());
    assertThat(recruiter.parentSpanId()).isEqualTo(manager.spanId());
    assertThat(manager.parentSpanId()).isEmpty();
    assertThat(tool.attributes().get(Attribution.AGENT_NAME)).isEqualTo("recruiter");
    assertThat(tool.attributes().get(Attribution.USER_ID)).isEqualTo("u-1");
    assertThat(manager.attributes().get(Attribution.BUDGET_CATEGORY)).isEqualTo("consulting");
    assertThat(recruiter.attributes().get(AgentTracer.AGENT_DEPTH)).isEqualTo(2L);
    assertThat(manager.resource().get(io.opentelemetry.api.common.AttributeKey.stringKey("service.name")))
        .isEqualTo("agents-test");
  }

  @Test
  void agentException_isRecorded_andRethrownUnchanged() {
    IOException boom = new IOException("disk full");
    assertThatThrownBy(() -> aiTrace.agents().invokeAgent("writer", () -> {
      throw boom;
    })).isSameAs(boom);
    aiTrace.flush();
    SpanRecord span = spans.getFinishedSpans().get(0);
    assertThat(span.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.attributes().get(AgentTracer.ERROR_TYPE)).isEqualTo("java.io.IOException");
    assertThat(span.events()).extracting(e -> e.name()).containsExactly("exception");
  }
}
