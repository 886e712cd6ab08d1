package org.qinglang.detect;

import org.qinglang.event.AccountEvent;
import org.qinglang.event.Event;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;

/**
 * Who is who, across keys: the latest {@code account}, {@code room_start} and {@code product}
 * event seen for each id. The engine replicates it to every task (Flink broadcast state), so a
 * room-keyed detector can read an account's registration time without re-keying.
 */
public interface Directory {

  /**
   * The three kinds of entry. Detectors declare the parts they read ({@link Detector#reads()})
   * so the engine replicates only those: accounts are a tenth of a typical stream, and sending
   * each to every task of a group that never looks one up is pure cost.
   */
  enum Part {
    ACCOUNTS, ROOMS, PRODUCTS;

    /** The part {@code e} feeds, or null when it is not a directory event. */
    public static Part of(Event e) {
      if (e instanceof AccountEvent) {
        return ACCOUNTS;
      }
      if (e instanceof RoomStart) {
        return ROOMS;
      }
      if (e instanceof Product) {
        return PRODUCTS;
      }
      return null;
    }
  }

  AccountEvent account(String user);

  RoomStart room(String room);

  /** The latest listing of {@code sku}, in any room. */
  Product product(String sku);

  /** An empty directory, for tests. */
  Directory EMPTY = new Directory() {
    @Override
    public AccountEvent account(String user) {
      return null;
    }

    @Override
    public RoomStart room(String room) {
      return null;
    }

    @Override
    public Product product(String sku) {
      return null;
    }
  };
}
