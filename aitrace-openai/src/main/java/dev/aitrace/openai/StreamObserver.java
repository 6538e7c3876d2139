package dev.aitrace.openai;

import dev.aitrace.internal.SelfLog;
import java.util.concurrent.CompletionException;

/**
 * Watches the chunks of one streamed AI call on their way to the caller: records time to first
 * chunk, the response's metadata and its usage, may hide the usage-only chunk the caller did not ask
 * for, and ends the call exactly once when the stream is exhausted, fails, or is closed.
 *
 * <p>Thread-safe: the reading thread and a thread that closes the stream meet on this observer's
 * lock (uncontended in the usual case of one thread doing both); ending goes through {@link
 * AiCallSpan}'s once-only guard.
 *
 * @param <C> the chunk type
 */
abstract class StreamObserver<C> {
  /** The error type of a stream that ended before the server said it was complete. */
  static final String INCOMPLETE_STREAM = "incomplete_stream";

  final AiCallSpan call;

  StreamObserver(AiCallSpan call) {
    this.call = call;
  }

  /** The chunk to hand the caller (maybe a copy), or null to hide it. Never throws. */
  final C deliver(C chunk) {
    try {
      synchronized (this) {
        return observe(chunk);
      }
    } catch (Throwable t) {
      SelfLog.fault("openai.observeChunk", t);
      return chunk;
    }
  }

  /** Records a chunk; returns what the caller sees, or null to hide it. */
  abstract C observe(C chunk);

  /** Puts what arrived so far (finish reasons, captured output) on the span. */
  abstract void recordArrived();

  /** Whether the server said the stream was complete; a stream that ended otherwise was cut. */
  abstract boolean complete();

  /**
   * The error type when the server completed the stream by saying the response failed (a Responses
   * API {@code response.failed} event), else null.
   */
  String failureType() {
    return null;
  }

  /** The stream ended by itself. */
  final void exhausted() {
    if (call.hasEnded()) {
      return;
    }
    boolean complete = true;
    String failure = null;
    try {
      synchronized (this) {
        recordArrived();
        complete = complete();
        failure = failureType();
      }
    } catch (Throwable t) {
      SelfLog.fault("openai.streamEnd", t);
    }
    if (!complete) {
      call.endFailed(INCOMPLETE_STREAM, "the stream ended before the response was complete");
    } else if (failure != null) {
      call.endFailed(failure, "the server reported that the response failed");
    } else {
      call.end();
    }
  }

  /** Reading the stream failed: the server cut it, or sent an error event. */
  final void failed(Throwable error) {
    if (call.hasEnded()) {
      return;
    }
    safeRecordArrived();
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    call.end(cause);
  }

  /** The caller closed the stream, read to the end or not; a stream closed early is no error. */
  final void closed() {
    if (call.hasEnded()) {
      return;
    }
    safeRecordArrived();
    call.end();
  }

  private void safeRecordArrived() {
    try {
      synchronized (this) {
        recordArrived();
      }
    } catch (Throwable t) {
      SelfLog.fault("openai.streamEnd", t);
    }
  }
}
