package org.qinglang.io;

import org.qinglang.event.AccountEvent;
import org.qinglang.event.Comment;
import org.qinglang.event.Commission;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;
import org.qinglang.event.Follow;
import org.qinglang.event.Gift;
import org.qinglang.event.Like;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Product;
import org.qinglang.event.Referral;
import org.qinglang.event.Refund;
import org.qinglang.event.RoomEnd;
import org.qinglang.event.RoomStart;
import org.qinglang.event.Sanction;
import org.qinglang.event.Speech;
import org.qinglang.event.ViewerCount;
import org.qinglang.event.ViewerJoin;
import org.qinglang.event.ViewerLeave;

/**
 * Parses one JSON Lines record into an {@link Event}, strictly: the line must be one JSON
 * object, its {@code type} must be in the contract, every required field must be present with
 * the right JSON kind, and identifiers must be 1-128 characters. Unknown fields are skipped,
 * whatever they hold, because the contract allows extra fields.
 *
 * <p>It works on the raw UTF-8 bytes with {@link ObjectScanner} and a fixed table of field
 * slots, so no tree, token or map is built per line. Not thread-safe; use one parser per
 * thread.
 */
public final class EventParser {

  private static final int MAX_ID = 128;

  // Slots of the fields the contract knows. Values land in vals[slot].
  private static final String[] NAMES = {
    "type", "ts", "platform", "user", "created", "id_hash", "phone_hash", "device", "room",
    "anchor", "title", "merchant", "mcn", "virtual_anchor", "venue", "ip", "via", "online",
    "total", "text", "count", "value", "end_ts", "sku", "price", "list_price", "brand",
    "category", "claimed_sales", "order", "qty", "amount", "address", "payment", "reason",
    "referrer", "fee", "source", "scope", "until"
  };
  private static final int TYPE = 0, TS = 1, PLATFORM = 2, USER = 3, CREATED = 4, ID_HASH = 5,
      PHONE_HASH = 6, DEVICE = 7, ROOM = 8, ANCHOR = 9, TITLE = 10, MERCHANT = 11, MCN = 12,
      VIRTUAL_ANCHOR = 13, VENUE = 14, IP = 15, VIA = 16, ONLINE = 17, TOTAL = 18, TEXT = 19,
      COUNT = 20, VALUE = 21, END_TS = 22, SKU = 23, PRICE = 24, LIST_PRICE = 25, BRAND = 26,
      CATEGORY = 27, CLAIMED_SALES = 28, ORDER = 29, QTY = 30, AMOUNT = 31, ADDRESS = 32,
      PAYMENT = 33, REASON = 34, REFERRER = 35, FEE = 36, SOURCE = 37, SCOPE = 38, UNTIL = 39;
  // Fields with few distinct values: their strings are shared, not copied per line.
  private static final java.util.Set<String> REPETITIVE = java.util.Set.of("type", "platform",
      "via", "venue", "category", "scope", "reason", "brand");
  private final ObjectScanner scanner = new ObjectScanner(NAMES, REPETITIVE);
  final Object[] vals = new Object[NAMES.length];
  final long[] longs = new long[NAMES.length];

  public Event parse(String line) throws BadLineException {
    byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return parse(b, 0, b.length);
  }

  public Event parse(byte[] buf, int off, int len) throws BadLineException {
    if (len >= 3 && buf[off] == (byte) 0xEF && buf[off + 1] == (byte) 0xBB
        && buf[off + 2] == (byte) 0xBF) {
      // A UTF-8 byte order mark, which RFC 8259 lets a reader ignore at the start of a JSON
      // text. Each line (or Kafka record) is one, and files written with a mark and then
      // concatenated have one at the start of every part.
      off += 3;
      len -= 3;
    }
    scanner.clear(vals);
    scanner.scan(buf, off, len, vals, longs);
    return build();
  }

  /** The event from the field values in {@link #vals}. */
  Event build() throws BadLineException {
    String typeName = str(TYPE, true, false);
    EventType type = EventType.ofWire(typeName);
    if (type == null) {
      throw new BadLineException("unknown type '" + clip(typeName) + "'");
    }
    long ts = lng(TS);
    String pf = str(PLATFORM, true, false);
    return switch (type) {
      case ACCOUNT -> new AccountEvent(ts, pf, id(USER), lng(CREATED), optId(ID_HASH),
          optId(PHONE_HASH), optId(DEVICE));
      case ROOM_START -> new RoomStart(ts, pf, id(ROOM), id(ANCHOR), str(TITLE, true, true),
          optId(MERCHANT), optId(MCN), bool(VIRTUAL_ANCHOR), str(VENUE, false, false));
      case ROOM_END -> new RoomEnd(ts, pf, id(ROOM));
      case VIEWER_JOIN -> new ViewerJoin(ts, pf, id(ROOM), id(USER), optId(DEVICE),
          str(IP, false, false), str(VIA, false, false));
      case VIEWER_LEAVE -> new ViewerLeave(ts, pf, id(ROOM), id(USER));
      case VIEWER_COUNT -> new ViewerCount(ts, pf, id(ROOM), lng(ONLINE), optLng(TOTAL));
      case COMMENT -> new Comment(ts, pf, id(ROOM), id(USER), str(TEXT, true, true),
          optId(DEVICE), str(IP, false, false));
      case LIKE -> {
        Long c = optLng(COUNT);
        yield new Like(ts, pf, id(ROOM), id(USER), c == null ? 1 : c);
      }
      case GIFT -> new Gift(ts, pf, id(ROOM), id(USER), lng(VALUE));
      case FOLLOW -> new Follow(ts, pf, id(ROOM), id(USER));
      case SPEECH -> new Speech(ts, pf, id(ROOM), str(TEXT, true, true), optLng(END_TS));
      case PRODUCT -> new Product(ts, pf, id(ROOM), id(SKU), str(TITLE, true, true), lng(PRICE),
          optLng(LIST_PRICE), str(BRAND, false, true), str(CATEGORY, false, false),
          optLng(CLAIMED_SALES), optId(MERCHANT));
      case ORDER -> new Order(ts, pf, id(ROOM), id(USER), id(ORDER), id(SKU), lng(QTY),
          lng(AMOUNT), optId(DEVICE), str(IP, false, false), optId(ADDRESS), optId(PAYMENT));
      case ORDER_CANCEL -> new OrderCancel(ts, pf, id(ORDER), optId(ROOM), optId(USER));
      case REFUND -> new Refund(ts, pf, id(ORDER), lng(AMOUNT), optId(ROOM),
          str(REASON, false, true));
      case REFERRAL -> new Referral(ts, pf, id(USER), id(REFERRER), optLng(FEE));
      case COMMISSION -> new Commission(ts, pf, id(USER), id(SOURCE), lng(AMOUNT));
      case SANCTION -> new Sanction(ts, pf, id(USER), str(SCOPE, true, false), optLng(UNTIL),
          str(REASON, false, true));
    };
  }

  private String str(int slot, boolean required, boolean emptyOk) throws BadLineException {
    Object v = vals[slot];
    if (v == null) {
      if (required) {
        throw new BadLineException("missing required field '" + NAMES[slot] + "'");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw wrongKind(slot, "a string", v);
    }
    if (!emptyOk && s.isEmpty() && required) {
      throw new BadLineException("field '" + NAMES[slot] + "' is empty");
    }
    return s;
  }

  private String id(int slot) throws BadLineException {
    return checkId(slot, str(slot, true, false));
  }

  private String optId(int slot) throws BadLineException {
    return checkId(slot, str(slot, false, false));
  }

  private String checkId(int slot, String s) throws BadLineException {
    if (s != null && (s.isEmpty() || s.length() > MAX_ID && s.codePointCount(0, s.length()) > MAX_ID)) {
      throw new BadLineException("field '" + NAMES[slot] + "' must be 1-128 characters, has "
          + s.codePointCount(0, s.length()));
    }
    return s;
  }

  private long lng(int slot) throws BadLineException {
    Object v = vals[slot];
    if (v == null) {
      throw new BadLineException("missing required field '" + NAMES[slot] + "'");
    }
    if (v != ObjectScanner.LONG) {
      throw wrongKind(slot, "an integer", v);
    }
    return longs[slot];
  }

  private Long optLng(int slot) throws BadLineException {
    return vals[slot] == null ? null : lng(slot);
  }

  private Boolean bool(int slot) throws BadLineException {
    Object v = vals[slot];
    if (v == null) {
      return null;
    }
    if (!(v instanceof Boolean b)) {
      throw wrongKind(slot, "a boolean", v);
    }
    return b;
  }

  private static BadLineException wrongKind(int slot, String want, Object got) {
    String kind = got instanceof String ? "a string"
        : got == ObjectScanner.LONG ? "an integer"
        : got instanceof Boolean ? "a boolean"
        : got == ObjectScanner.FLOAT ? "a decimal number"
        : got == ObjectScanner.OBJECT ? "an object"
        : got == ObjectScanner.ARRAY ? "an array"
        : "an integer too large";
    return new BadLineException("field '" + NAMES[slot] + "' must be " + want + ", got " + kind);
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
