package org.qinglang.detectors.audience;

import java.io.Serializable;

/**
 * What a room remembers about one account that entered it: enough to judge whether the
 * account behaved like a person, in a few dozen bytes.
 */
public final class Viewer implements Serializable {
  static final long UNKNOWN = Long.MIN_VALUE;

  final String user;
  /** Never changes after the constructor: {@link RoomViewers} keeps a copy by number. */
  final long firstJoin;
  long lastJoin;
  boolean present;
  int visits;
  int completed;
  long totalDwell;
  long maxDwell;
  String via;
  String device;
  String ip;
  boolean dataCentre;
  /** Whether {@link #ip} has been looked up in the data-centre ranges. */
  boolean ipChecked;
  long created = UNKNOWN;
  /** The SIM digest of the account's profile, when the platform sent one. */
  String phone;
  int comments;
  int likeEvents;
  int gifts;
  int follows;
  int orders;
  /**
   * The room's {@link StringIds} numbers of {@link #device} and {@link #phone} (0: none) and
   * whether {@link #via} is "other": what each judgement groups and tests by, derived from the
   * kept strings once instead of at every judgement. Not written to snapshots; a restored room
   * numbers its viewers again ({@link BotAudienceDetector.State#ids}).
   */
  transient int deviceId;
  transient int phoneId;
  transient boolean viaOther;
  /**
   * {@link RoomViewers#hash} and {@link RoomViewers#pack} of {@link #user}, set when the viewer
   * is kept (also on a restore): a lookup checks these, in the viewer's own lines, instead of
   * visiting the user string. Not written to snapshots.
   */
  transient int userHash;
  transient long userKey;

  Viewer(String user, long ts) {
    this.user = user;
    this.firstJoin = ts;
    this.lastJoin = ts;
  }

  /**
   * Records a join. True when it came from an address other than the one kept, which the
   * caller must check against the data-centre ranges now; the kept address is checked once,
   * by the caller right after the join that brought it ({@link #ipChecked}), while its
   * characters are still in the cache, not at every join.
   */
  boolean join(long ts, String via, String device, String ip) {
    if (present) {
      return false; // a repeated join without a leave: the first one stands
    }
    present = true;
    lastJoin = ts;
    visits++;
    if (this.via == null) {
      this.via = via;
      viaOther = "other".equals(via);
    }
    if (this.device == null) {
      this.device = device;
    }
    if (this.ip == null) {
      this.ip = ip;
      ipChecked = false;
      return false;
    }
    return ip != null && !dataCentre && !ip.equals(this.ip);
  }

  void leave(long ts) {
    if (!present) {
      return;
    }
    present = false;
    long d = Math.max(0, ts - lastJoin);
    completed++;
    totalDwell += d;
    maxDwell = Math.max(maxDwell, d);
  }

  /** Mean length of the finished stays, or -1 while none has finished. */
  long meanDwell() {
    return completed == 0 ? -1 : totalDwell / completed;
  }

  /** Not a single comment, like, gift, follow or order. */
  boolean silent() {
    return comments == 0 && likeEvents == 0 && gifts == 0 && follows == 0 && orders == 0;
  }

  /** Nothing beyond a token: at most one comment, a couple of likes, no gift or follow. */
  boolean passive() {
    return comments <= 1 && likeEvents <= 2 && gifts == 0 && follows == 0 && orders == 0;
  }
}
