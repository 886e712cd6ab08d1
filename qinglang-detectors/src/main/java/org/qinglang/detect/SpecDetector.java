package org.qinglang.detect;

import java.util.Set;
import org.qinglang.event.Event;

/**
 * A {@link Detector} whose identity comes from a {@link DetectorSpec}: the subclass writes
 * only its state and what it does with an event. {@link #accepts} takes the spec's event types;
 * a detector that filters finer (a field's presence, say) overrides {@link #wants(Event)}.
 */
public abstract class SpecDetector<S> implements Detector<S> {
  private final DetectorSpec spec;

  protected SpecDetector(DetectorSpec spec) {
    this.spec = spec;
  }

  public final DetectorSpec spec() {
    return spec;
  }

  @Override
  public final String kind() {
    return spec.kind();
  }

  @Override
  public final Scope scope() {
    return spec.scope();
  }

  @Override
  public final boolean accepts(Event e) {
    return spec.wants(e) && wants(e);
  }

  /** A finer filter on an event of an accepted type; every such event by default. */
  protected boolean wants(Event e) {
    return true;
  }

  @Override
  public final Set<Directory.Part> reads() {
    return spec.reads();
  }

  @Override
  public long retentionMillis() {
    return spec.retentionMillis();
  }
}
