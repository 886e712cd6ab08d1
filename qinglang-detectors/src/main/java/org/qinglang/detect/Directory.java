package org.qinglang.detect;

import org.qinglang.event.AccountEvent;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;

/**
 * Who is who, across keys: the latest {@code account}, {@code room_start} and {@code product}
 * event seen for each id. The engine replicates it to every task (Flink broadcast state), so a
 * room-keyed detector can read an account's registration time without re-keying.
 */
public interface Directory {
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
