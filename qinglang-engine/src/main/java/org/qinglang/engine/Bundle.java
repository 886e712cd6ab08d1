package org.qinglang.engine;

import java.util.List;
import org.qinglang.event.Event;

/**
 * Events of one key, in arrival order, shipped to the detectors as one record. Flink's cost
 * per record (framing, key-group routing, a state lookup and a timer per element) was most of
 * what the detector tasks did; a bundle pays it once for many events. See {@link Router}.
 */
public record Bundle(String key, List<Event> events) {}
