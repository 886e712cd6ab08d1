package org.qinglang.detect;

import java.util.HashMap;
import java.util.Map;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Event;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;

/** A {@link Directory} in plain maps, filled from the stream. */
public final class MapDirectory implements Directory {
  private final Map<String, AccountEvent> accounts = new HashMap<>();
  private final Map<String, RoomStart> rooms = new HashMap<>();
  private final Map<String, Product> products = new HashMap<>();

  /** Whether {@code e} is a directory event (account, room_start, product). */
  public static boolean feeds(Event e) {
    return Directory.Part.of(e) != null;
  }

  public void update(Event e) {
    if (e instanceof AccountEvent a) {
      accounts.put(a.user(), a);
    } else if (e instanceof RoomStart r) {
      rooms.put(r.room(), r);
    } else if (e instanceof Product p) {
      products.put(p.sku(), p);
    }
  }

  @Override
  public AccountEvent account(String user) {
    return accounts.get(user);
  }

  @Override
  public RoomStart room(String room) {
    return rooms.get(room);
  }

  @Override
  public Product product(String sku) {
    return products.get(sku);
  }
}
