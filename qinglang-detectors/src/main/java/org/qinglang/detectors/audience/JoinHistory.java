package org.qinglang.detectors.audience;

import java.io.Serializable;

/**
 * The last {@link #CAPACITY} rooms one account entered: room, first-join time, and the weight
 * of the moment it joined (how crowded the seconds around that join were). Fixed size, so an
 * account costs the same whether it visits three rooms or three hundred.
 */
final class JoinHistory implements Serializable {
  static final int CAPACITY = 16;

  final String[] rooms = new String[CAPACITY];
  final long[] ts = new long[CAPACITY];
  final float[] weight = new float[CAPACITY];
  final long[] commentTs = new long[CAPACITY];
  int size;
  long last;

  /** Records the first join of a room; false when the room is already in the history. */
  boolean add(String room, long t, double w) {
    last = Math.max(last, t);
    if (indexOf(room) >= 0) {
      return false;
    }
    if (size == CAPACITY) {
      System.arraycopy(rooms, 1, rooms, 0, CAPACITY - 1);
      System.arraycopy(ts, 1, ts, 0, CAPACITY - 1);
      System.arraycopy(weight, 1, weight, 0, CAPACITY - 1);
      System.arraycopy(commentTs, 1, commentTs, 0, CAPACITY - 1);
      size--;
    }
    rooms[size] = room;
    ts[size] = t;
    weight[size] = (float) w;
    commentTs[size] = Long.MIN_VALUE;
    size++;
    return true;
  }

  void comment(String room, long t) {
    int i = indexOf(room);
    if (i >= 0 && commentTs[i] == Long.MIN_VALUE) {
      commentTs[i] = t;
    }
  }

  int indexOf(String room) {
    for (int i = size - 1; i >= 0; i--) {
      if (rooms[i].equals(room)) {
        return i;
      }
    }
    return -1;
  }

  /** Drops entries older than {@code cutoff}. */
  void forgetBefore(long cutoff) {
    int k = 0;
    for (int i = 0; i < size; i++) {
      if (ts[i] >= cutoff) {
        rooms[k] = rooms[i];
        ts[k] = ts[i];
        weight[k] = weight[i];
        commentTs[k] = commentTs[i];
        k++;
      }
    }
    for (int i = k; i < size; i++) {
      rooms[i] = null;
    }
    size = k;
  }
}
