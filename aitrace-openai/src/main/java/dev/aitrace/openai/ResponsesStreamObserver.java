package dev.aitrace.openai;

import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.List;

/** Observes a Responses API event stream; every event reaches the caller unchanged. */
final class ResponsesStreamObserver extends StreamObserver<ResponseStreamEvent> {
  private final boolean capture;
  private final StringBuilder text = new StringBuilder();
  private Response last;
  private boolean failed;
  private boolean identified;

  ResponsesStreamObserver(AiCallSpan call) {
    super(call);
    this.capture = call.tracing().content.enabled();
  }

  @Override
  ResponseStreamEvent observe(ResponseStreamEvent event) {
    if (event.isCreated() && !identified) {
      identified = true;
      Response response = event.asCreated().response();
      call.responseId(response.id());
      call.responseModel(ResponsesApi.name(response.model()));
    } else if (event.isOutputTextDelta()) {
      call.firstChunk();
      if (capture) {
        text.append(event.asOutputTextDelta().delta());
      }
    } else if (event.isRefusalDelta() || event.isFunctionCallArgumentsDelta() || event.isCustomToolCallInputDelta()
        || event.isAudioDelta()) {
      call.firstChunk();
    } else if (event.isCompleted()) {
      last = event.asCompleted().response();
    } else if (event.isIncomplete()) {
      last = event.asIncomplete().response();
    } else if (event.isFailed()) {
      last = event.asFailed().response();
      failed = true;
    } else if (event.isError()) {
      failed = true;
    }
    return event;
  }

  @Override
  void recordArrived() {
    Response response = last;
    if (response != null) {
      call.responseId(response.id());
      call.responseModel(ResponsesApi.name(response.model()));
      response.serviceTier().ifPresent(tier -> call.serviceTier(tier.asString()));
      response.usage().ifPresent(usage -> call.usage(ResponsesApi.tokens(usage)));
      response.status().ifPresent(status -> call.finishReasons(List.of(status.asString())));
    }
    if (capture) {
      String status = response == null ? null : response.status().map(s -> s.asString()).orElse(null);
      call.outputMessages(call.tracing().content.json(List.of(new CapturedMessage("assistant", text.toString(), status))));
    }
  }

  @Override
  boolean complete() {
    return last != null || failed;
  }

  @Override
  String failureType() {
    if (!failed) {
      return null;
    }
    return last != null ? last.error().map(error -> error.code().asString()).orElse("response_failed") : "response_failed";
  }
}
