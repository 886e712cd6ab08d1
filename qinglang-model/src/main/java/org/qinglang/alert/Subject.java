package org.qinglang.alert;

/**
 * What an alert accuses: {@code type} is one of room, account, anchor, merchant, mcn, sku,
 * order, device, ip.
 */
public record Subject(String type, String id) {
  public static Subject room(String id) {
    return new Subject("room", id);
  }

  public static Subject account(String id) {
    return new Subject("account", id);
  }

  public static Subject anchor(String id) {
    return new Subject("anchor", id);
  }

  public static Subject merchant(String id) {
    return new Subject("merchant", id);
  }

  public static Subject sku(String id) {
    return new Subject("sku", id);
  }

  public static Subject order(String id) {
    return new Subject("order", id);
  }

  public static Subject device(String id) {
    return new Subject("device", id);
  }

  public static Subject ip(String id) {
    return new Subject("ip", id);
  }
}
