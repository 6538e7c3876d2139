package dev.aitrace.trace;

/**
 * Caps on what one span may hold, so that a runaway caller cannot make a span grow without bound.
 * What does not fit is dropped and counted on the span ({@code droppedAttributesCount} and friends)
 * and in {@link AiTracerProvider#limitStats()}; it never causes an exception. Immutable.
 *
 * <pre>{@code
 * SpanLimits limits = SpanLimits.builder().maxAttributes(64).maxAttributeValueLength(4096).build();
 * }</pre>
 */
public final class SpanLimits {
  private static final SpanLimits DEFAULT = builder().build();

  private final int maxAttributes;
  private final int maxAttributeValueLength;
  private final int maxEvents;
  private final int maxLinks;
  private final int maxAttributesPerEvent;

  private SpanLimits(Builder b) {
    this.maxAttributes = b.maxAttributes;
    this.maxAttributeValueLength = b.maxAttributeValueLength;
    this.maxEvents = b.maxEvents;
    this.maxLinks = b.maxLinks;
    this.maxAttributesPerEvent = b.maxAttributesPerEvent;
  }

  /** 128 attributes, values up to 32,768 characters, 128 events, 128 links, 128 attributes per event. */
  public static SpanLimits defaults() {
    return DEFAULT;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .maxAttributes(maxAttributes)
        .maxAttributeValueLength(maxAttributeValueLength)
        .maxEvents(maxEvents)
        .maxLinks(maxLinks)
        .maxAttributesPerEvent(maxAttributesPerEvent);
  }

  public int maxAttributes() {
    return maxAttributes;
  }

  public int maxAttributeValueLength() {
    return maxAttributeValueLength;
  }

  public int maxEvents() {
    return maxEvents;
  }

  public int maxLinks() {
    return maxLinks;
  }

  public int maxAttributesPerEvent() {
    return maxAttributesPerEvent;
  }

  @Override
  public String toString() {
    return "SpanLimits{maxAttributes=" + maxAttributes
        + ", maxAttributeValueLength=" + maxAttributeValueLength
        + ", maxEvents=" + maxEvents
        + ", maxLinks=" + maxLinks
        + ", maxAttributesPerEvent=" + maxAttributesPerEvent + "}";
  }

  /** Builds {@link SpanLimits}; each setter rejects a negative or zero value, naming it. */
  public static final class Builder {
    private int maxAttributes = 128;
    private int maxAttributeValueLength = 32_768;
    private int maxEvents = 128;
    private int maxLinks = 128;
    private int maxAttributesPerEvent = 128;

    private Builder() {}

    public Builder maxAttributes(int value) {
      this.maxAttributes = positive("maxAttributes", value);
      return this;
    }

    public Builder maxAttributeValueLength(int value) {
      this.maxAttributeValueLength = positive("maxAttributeValueLength", value);
      return this;
    }

    public Builder maxEvents(int value) {
      this.maxEvents = positive("maxEvents", value);
      return this;
    }

    public Builder maxLinks(int value) {
      this.maxLinks = positive("maxLinks", value);
      return this;
    }

    public Builder maxAttributesPerEvent(int value) {
      this.maxAttributesPerEvent = positive("maxAttributesPerEvent", value);
      return this;
    }

    public SpanLimits build() {
      return new SpanLimits(this);
    }

    private static int positive(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
