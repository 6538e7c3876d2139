package dev.aitrace.export;

/**
 * Exact counts of what the batch exporter did with the spans handed to it. Every span handed over
 * is, in the end, in exactly one of {@code exported}, {@code dropped} and {@code failed}, or still
 * {@code queued}.
 *
 * @param exported spans that an exporter accepted
 * @param dropped spans dropped because the queue was full or the exporter was still stuck on an
 *     earlier batch
 * @param failed spans in batches the exporter rejected, threw on, or did not finish within the
 *     export timeout
 * @param queued spans waiting in the queue or in the batch being exported right now
 */
public record PipelineStats(long exported, long dropped, long failed, long queued) {
  /** All spans handed to the pipeline so far. */
  public long total() {
    return exported + dropped + failed + queued;
  }
}
