package org.qinglang.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qinglang.event.AccountEvent;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;
import org.qinglang.event.Like;
import org.qinglang.event.Order;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;

class EventParserTest {
  private final EventParser parser = new EventParser();

  /** One line per event type, every field of the contract present. */
  static Stream<Arguments> everyType() {
    String c = "\"ts\":1732345678901,\"platform\":\"douyin\"";
    return Stream.of(
        Arguments.of(EventType.ACCOUNT, "{\"type\":\"account\"," + c + ",\"user\":\"u-1\",\"created\":1700000000000,\"id_hash\":\"ab12\",\"phone_hash\":\"cd34\",\"device\":\"ef56\"}"),
        Arguments.of(EventType.ROOM_START, "{\"type\":\"room_start\"," + c + ",\"room\":\"r-1\",\"anchor\":\"u-9\",\"title\":\"秋冬上新\",\"merchant\":\"m-1\",\"mcn\":\"mcn-1\",\"virtual_anchor\":true,\"venue\":\"studio\"}"),
        Arguments.of(EventType.ROOM_END, "{\"type\":\"room_end\"," + c + ",\"room\":\"r-1\"}"),
        Arguments.of(EventType.VIEWER_JOIN, "{\"type\":\"viewer_join\"," + c + ",\"room\":\"r-1\",\"user\":\"u-2\",\"device\":\"aa\",\"ip\":\"1.2.3.4\",\"via\":\"feed\"}"),
        Arguments.of(EventType.VIEWER_LEAVE, "{\"type\":\"viewer_leave\"," + c + ",\"room\":\"r-1\",\"user\":\"u-2\"}"),
        Arguments.of(EventType.VIEWER_COUNT, "{\"type\":\"viewer_count\"," + c + ",\"room\":\"r-1\",\"online\":1234,\"total\":99999}"),
        Arguments.of(EventType.COMMENT, "{\"type\":\"comment\"," + c + ",\"room\":\"r-1\",\"user\":\"u-2\",\"text\":\"3颗就瘦了3.2斤😀\",\"device\":\"aa\",\"ip\":\"2001:db8::1\"}"),
        Arguments.of(EventType.LIKE, "{\"type\":\"like\"," + c + ",\"room\":\"r-1\",\"user\":\"u-2\",\"count\":30}"),
        Arguments.of(EventType.GIFT, "{\"type\":\"gift\"," + c + ",\"room\":\"r-1\",\"user\":\"u-2\",\"value\":500}"),
        Arguments.of(EventType.FOLLOW, "{\"type\":\"follow\"," + c + ",\"room\":\"r-1\",\"user\":\"u-2\"}"),
        Arguments.of(EventType.SPEECH, "{\"type\":\"speech\"," + c + ",\"room\":\"r-1\",\"text\":\"上链接\",\"end_ts\":1732345680000}"),
        Arguments.of(EventType.PRODUCT, "{\"type\":\"product\"," + c + ",\"room\":\"r-1\",\"sku\":\"s-1\",\"title\":\"面霜\",\"price\":15900,\"list_price\":29900,\"brand\":\"X\",\"category\":\"cosmetics\",\"claimed_sales\":100000,\"merchant\":\"m-1\"}"),
        Arguments.of(EventType.ORDER, "{\"type\":\"order\"," + c + ",\"room\":\"r-1\",\"user\":\"u-2\",\"order\":\"o-1\",\"sku\":\"s-1\",\"qty\":2,\"amount\":31800,\"device\":\"aa\",\"ip\":\"1.2.3.4\",\"address\":\"bb\",\"payment\":\"cc\"}"),
        Arguments.of(EventType.ORDER_CANCEL, "{\"type\":\"order_cancel\"," + c + ",\"order\":\"o-1\",\"room\":\"r-1\",\"user\":\"u-2\"}"),
        Arguments.of(EventType.REFUND, "{\"type\":\"refund\"," + c + ",\"order\":\"o-1\",\"amount\":15900,\"room\":\"r-1\",\"reason\":\"质量问题\"}"),
        Arguments.of(EventType.REFERRAL, "{\"type\":\"referral\"," + c + ",\"user\":\"u-3\",\"referrer\":\"u-2\",\"fee\":39900}"),
        Arguments.of(EventType.COMMISSION, "{\"type\":\"commission\"," + c + ",\"user\":\"u-2\",\"source\":\"u-3\",\"amount\":1000}"),
        Arguments.of(EventType.SANCTION, "{\"type\":\"sanction\"," + c + ",\"user\":\"u-2\",\"scope\":\"selling\",\"until\":1800000000000,\"reason\":\"刷单\"}"));
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void everyTypeParsesAndRoundTrips(EventType type, String line) throws Exception {
    Event e = parser.parse(line);
    assertThat(e.type()).isEqualTo(type);
    assertThat(e.ts()).isEqualTo(1732345678901L);
    assertThat(e.platform()).isEqualTo("douyin");
    // Writing it back and parsing again gives the same record: nothing lost or renamed.
    assertThat(parser.parse(EventJson.toLine(e))).isEqualTo(e);
  }

  @Test
  void theListAboveCoversEveryType() {
    Set<EventType> seen = EnumSet.noneOf(EventType.class);
    everyType().forEach(a -> seen.add((EventType) a.get()[0]));
    assertThat(seen).containsExactlyInAnyOrder(EventType.values());
  }

  @Test
  void optionalFieldsMayBeAbsentOrNullAndExtraFieldsAreIgnored() throws Exception {
    Event e = parser.parse("{\"type\":\"like\",\"ts\":5,\"platform\":\"kuaishou\",\"room\":\"r\","
        + "\"user\":\"u\",\"extra\":{\"nested\":[1,2,{\"x\":null}]},\"count\":null}");
    assertThat(e).isEqualTo(new Like(5, "kuaishou", "r", "u", 1));
    RoomStart r = (RoomStart) parser.parse("{\"type\":\"room_start\",\"ts\":1,\"platform\":\"p\","
        + "\"room\":\"r\",\"anchor\":\"a\",\"title\":\"\"}");
    assertThat(r.venue()).isNull();
    assertThat(r.virtualAnchor()).isNull();
    AccountEvent a = (AccountEvent) parser.parse("{\"platform\":\"p\",\"created\":0,\"user\":\"u\","
        + "\"type\":\"account\",\"ts\":0}");
    assertThat(a.idHash()).isNull();
  }

  @Test
  void identifiersAreOpaque() throws Exception {
    Order o = (Order) parser.parse("{\"type\":\"order\",\"ts\":1,\"platform\":\"p\",\"room\":\"直播间#1\","
        + "\"user\":\"007\",\"order\":\"x\",\"sku\":\"🍎\",\"qty\":1,\"amount\":0}");
    assertThat(o.room()).isEqualTo("直播间#1");
    assertThat(o.sku()).isEqualTo("🍎");
  }

  @Test
  void reasonsNameWhatIsWrong() {
    assertThatThrownBy(() -> parser.parse("{\"type\":\"like\",\"ts\":1"))
        .hasMessageStartingWith("invalid JSON");
    assertThatThrownBy(() -> parser.parse("[1,2]")).hasMessage("not a JSON object");
    assertThatThrownBy(() -> parser.parse("{\"type\":\"teleport\",\"ts\":1,\"platform\":\"p\"}"))
        .hasMessage("unknown type 'teleport'");
    assertThatThrownBy(() -> parser.parse("{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\"}"))
        .hasMessage("missing required field 'user'");
    assertThatThrownBy(() -> parser.parse("{\"type\":\"gift\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\","
        + "\"user\":\"u\",\"value\":\"500\"}"))
        .hasMessage("field 'value' must be an integer, got a string");
    assertThatThrownBy(() -> parser.parse("{\"type\":\"gift\",\"ts\":1.5,\"platform\":\"p\",\"room\":\"r\","
        + "\"user\":\"u\",\"value\":5}"))
        .hasMessage("field 'ts' must be an integer, got a decimal number");
    assertThatThrownBy(() -> parser.parse("{\"type\":\"room_start\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\","
        + "\"anchor\":\"a\",\"title\":\"t\",\"virtual_anchor\":\"yes\"}"))
        .hasMessage("field 'virtual_anchor' must be a boolean, got a string");
    assertThatThrownBy(() -> parser.parse("{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\","
        + "\"user\":\"" + "u".repeat(129) + "\"}"))
        .hasMessage("field 'user' must be 1-128 characters, has 129");
    assertThatThrownBy(() -> parser.parse("{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\","
        + "\"user\":\"u\"} {\"type\":\"follow\"}"))
        .hasMessage("text after the JSON object");
    assertThatThrownBy(() -> parser.parse("{\"type\":\"product\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\","
        + "\"sku\":\"s\",\"title\":\"t\",\"price\":{\"fen\":1}}"))
        .hasMessage("field 'price' must be an integer, got an object");
  }

  @Test
  void a128CharacterIdOfAstralCharactersIsValid() throws Exception {
    String id = "😀".repeat(128); // 256 UTF-16 units, 128 characters
    Product p = (Product) parser.parse("{\"type\":\"product\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\","
        + "\"sku\":\"" + id + "\",\"title\":\"t\",\"price\":1}");
    assertThat(p.sku()).isEqualTo(id);
  }
}
