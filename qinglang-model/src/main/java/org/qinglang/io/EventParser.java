package org.qinglang.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
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
 * <p>It works on the raw UTF-8 bytes with Jackson's streaming parser and a fixed table of
 * field slots, so no tree or map is built per line: this is what keeps the reader above a
 * million lines a second. Not thread-safe; use one parser per thread.
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
  private static final Map<String, Integer> SLOT = new HashMap<>();

  static {
    for (int i = 0; i < NAMES.length; i++) {
      SLOT.put(NAMES[i], i);
    }
  }

  /** Marker kinds for values of a JSON kind no field of the contract takes. */
  private enum Odd {
    FLOAT("a decimal number"), OBJECT("an object"), ARRAY("an array"), BIG("an integer too large");
    final String what;

    Odd(String what) {
      this.what = what;
    }
  }

  private final JsonFactory factory = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .recyclerPool(new OneRecycler())
      .build();
  private final Object[] vals = new Object[NAMES.length];

  public Event parse(String line) throws BadLineException {
    byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return parse(b, 0, b.length);
  }

  public Event parse(byte[] buf, int off, int len) throws BadLineException {
    java.util.Arrays.fill(vals, null);
    try (JsonParser p = factory.createParser(buf, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadLineException("not a JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        Integer slot = SLOT.get(p.currentName());
        JsonToken v = p.nextToken();
        if (slot == null) {
          p.skipChildren();
          continue;
        }
        vals[slot] = switch (v) {
          case VALUE_STRING -> p.getText();
          case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? Odd.BIG : (Object) p.getLongValue();
          case VALUE_NUMBER_FLOAT -> Odd.FLOAT;
          case VALUE_TRUE -> Boolean.TRUE;
          case VALUE_FALSE -> Boolean.FALSE;
          case VALUE_NULL -> null;
          case START_OBJECT -> {
            p.skipChildren();
            yield Odd.OBJECT;
          }
          case START_ARRAY -> {
            p.skipChildren();
            yield Odd.ARRAY;
          }
          default -> throw new BadLineException("unexpected JSON token " + v);
        };
      }
      if (t != JsonToken.END_OBJECT) {
        throw new BadLineException("not a JSON object");
      }
      if (p.nextToken() != null) {
        throw new BadLineException("text after the JSON object");
      }
    } catch (JsonParseException e) {
      throw new BadLineException("invalid JSON: " + e.getOriginalMessage()
          + " at column " + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw new BadLineException("invalid JSON: " + e.getMessage());
    }
    return build();
  }

  private Event build() throws BadLineException {
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
    Long v = optLng(slot);
    if (v == null) {
      throw new BadLineException("missing required field '" + NAMES[slot] + "'");
    }
    return v;
  }

  private Long optLng(int slot) throws BadLineException {
    Object v = vals[slot];
    if (v == null) {
      return null;
    }
    if (!(v instanceof Long l)) {
      throw wrongKind(slot, "an integer", v);
    }
    return l;
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
        : got instanceof Long ? "an integer"
        : got instanceof Boolean ? "a boolean"
        : ((Odd) got).what;
    return new BadLineException("field '" + NAMES[slot] + "' must be " + want + ", got " + kind);
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  /**
   * Jackson's default pool finds a parser's buffers through a ThreadLocal on every line, which
   * costs a hash probe per line in threads with many thread locals (Flink's). A parser is
   * used by one thread, so it keeps its one set of buffers itself.
   */
  private static final class OneRecycler
      implements com.fasterxml.jackson.core.util.RecyclerPool<
          com.fasterxml.jackson.core.util.BufferRecycler> {
    private transient com.fasterxml.jackson.core.util.BufferRecycler idle;

    @Override
    public com.fasterxml.jackson.core.util.BufferRecycler acquirePooled() {
      com.fasterxml.jackson.core.util.BufferRecycler r = idle;
      if (r == null) {
        return new com.fasterxml.jackson.core.util.BufferRecycler();
      }
      idle = null;
      return r;
    }

    @Override
    public void releasePooled(com.fasterxml.jackson.core.util.BufferRecycler r) {
      idle = r;
    }
  }
}
