package org.qinglang.event;

/** The `product` event. */
public record Product(long ts, String platform, String room, String sku, String title, long price, Long listPrice, String brand, String category, Long claimedSales, String merchant) implements Event {
  @Override
  public EventType type() {
    return EventType.PRODUCT;
  }
}
