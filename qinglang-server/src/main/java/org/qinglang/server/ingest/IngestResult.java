package org.qinglang.server.ingest;

import java.util.List;

/**
 * What an ingest did: counts, and the bad lines (number and reason, at most
 * {@link #MAX_LISTED} listed; {@code bad} counts them all).
 */
public record IngestResult(long accepted, long bad, List<BadLine> badLines) {
  public static final int MAX_LISTED = 1000;

  public record BadLine(long line, String reason) {}
}
