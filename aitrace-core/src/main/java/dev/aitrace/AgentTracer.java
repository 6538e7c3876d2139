package dev.aitrace;

import static java.util.Objects.requireNonNull;

import dev.aitrace.internal.SpanErrors;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;

/**
 * Spans for the parts of an agent system: an agent invocation ({@code invoke_agent {name}}) and a
 * tool execution ({@code execute_tool {name}}), named and attributed as the OpenTelemetry GenAI
 * semantic conventions say. Inside an agent span the current {@link Attribution} names the agent,
 * so every AI call it makes is charged to it. Thread-safe.
 *
 * <pre>{@code
 * AgentTracer agents = aiTrace.agents();
 * Report report = agents.invokeAgent("manager", () -> {
 *   Team team = agents.invokeAgent("recruiter", () -> recruiter.propose(brief));
 *   String facts = agents.executeTool("web_search", () -> search.run("ACME revenue"));
 *   return writer.write(team, facts);
 * });
 * }</pre>
 *
 * <p>The work's own exceptions are recorded on the span (status ERROR, {@code error.type}, an
 * {@code exception} event) and rethrown unchanged.
 */
public final class AgentTracer {
  /** GenAI semantic conventions: the operation of the span. */
  public static final AttributeKey<String> OPERATION = GenAiAttributes.OPERATION_NAME;
  /** GenAI semantic conventions: the tool's name. */
  public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
  /** How many agent invocations enclose this one, itself included (the outermost agent is 1). */
  public static final AttributeKey<Long> AGENT_DEPTH = AttributeKey.longKey("aitrace.agent.depth");
  /** OpenTelemetry's error type attribute. */
  public static final AttributeKey<String> ERROR_TYPE = GenAiAttributes.ERROR_TYPE;

  private static final ContextKey<Long> DEPTH = ContextKey.named("aitrace-agent-depth");

  private final Tracer tracer;

  AgentTracer(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Runs {@code work} inside an {@code invoke_agent {agentName}} span and returns its result. */
  public <T, E extends Throwable> T invokeAgent(String agentName, SpanWork<T, E> work) throws E {
    requireNonNull(work, "work");
    AgentSpan agent = startAgent(agentName);
    try (Scope ignored = agent.makeCurrent()) {
      return work.run();
    } catch (Throwable t) {
      recordError(agent.span(), t);
      throw t;
    } finally {
      agent.span().end();
    }
  }

  /** Runs {@code work} inside an {@code invoke_agent {agentName}} span. */
  public void invokeAgent(String agentName, Runnable work) {
    requireNonNull(work, "work");
    invokeAgent(agentName, () -> {
      work.run();
      return null;
    });
  }

  /** Runs {@code work} inside an {@code execute_tool {toolName}} span and returns its result. */
  public <T, E extends Throwable> T executeTool(String toolName, SpanWork<T, E> work) throws E {
    requireNonNull(work, "work");
    Span span = startTool(toolName);
    try (Scope ignored = span.makeCurrent()) {
      return work.run();
    } catch (Throwable t) {
      recordError(span, t);
      throw t;
    } finally {
      span.end();
    }
  }

  /** Runs {@code work} inside an {@code execute_tool {toolName}} span. */
  public void executeTool(String toolName, Runnable work) {
    requireNonNull(work, "work");
    executeTool(toolName, () -> {
      work.run();
      return null;
    });
  }

  /**
   * Starts an agent span under the current context, for work that does not fit a lambda. The caller
   * makes it current and ends it:
   *
   * <pre>{@code
   * AgentSpan agent = agents.startAgent("qa");
   * try (Scope scope = agent.makeCurrent()) { ... } finally { agent.span().end(); }
   * }</pre>
   */
  public AgentSpan startAgent(String agentName) {
    String name = agentName == null || agentName.isBlank() ? "unnamed" : agentName;
    long depth = currentDepth(Context.current()) + 1;
    Span span =
        tracer
            .spanBuilder("invoke_agent " + name)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(OPERATION, "invoke_agent")
            .setAttribute(Attribution.AGENT_NAME, name)
            .setAttribute(AGENT_DEPTH, depth)
            .startSpan();
    return new AgentSpan(span, name, depth);
  }

  /** Starts a tool span under the current context; the caller makes it current and ends it. */
  public Span startTool(String toolName) {
    String name = toolName == null || toolName.isBlank() ? "unnamed" : toolName;
    return tracer
        .spanBuilder("execute_tool " + name)
        .setSpanKind(SpanKind.INTERNAL)
        .setAttribute(OPERATION, "execute_tool")
        .setAttribute(TOOL_NAME, name)
        .startSpan();
  }

  /** How deep in agent invocations {@code context} is; 0 outside any agent. */
  public static long currentDepth(Context context) {
    Long depth = context.get(DEPTH);
    return depth == null ? 0 : depth;
  }

  static void recordError(Span span, Throwable t) {
    SpanErrors.record(span, t, "AgentTracer.recordError");
  }

  /** A started agent span and what making it current brings along: the agent's attribution and depth. */
  public static final class AgentSpan {
    private final Span span;
    private final String agentName;
    private final long depth;

    AgentSpan(Span span, String agentName, long depth) {
      this.span = span;
      this.agentName = agentName;
      this.depth = depth;
    }

    public Span span() {
      return span;
    }

    /** Makes the span current, with the agent's name in the attribution, until the scope closes. */
    public Scope makeCurrent() {
      Scope spanScope = span.makeCurrent();
      Context context =
          Context.current()
              .with(Attribution.builder().agentName(agentName).build())
              .with(DEPTH, depth);
      Scope contextScope = context.makeCurrent();
      return () -> {
        contextScope.close();
        spanScope.close();
      };
    }
  }
}
