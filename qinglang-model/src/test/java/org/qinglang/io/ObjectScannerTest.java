package org.qinglang.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qinglang.event.Event;

class ObjectScannerTest {
  private final EventParser parser = new EventParser();

  private static final String JOIN =
      "{\"type\":\"viewer_join\",\"ts\":1732345678901,\"platform\":\"douyin\",\"room\":\"r-1\","
          + "\"user\":\"u-2\",\"device\":\"aa\",\"ip\":\"1.2.3.4\",\"via\":\"feed\"}";

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\",}",
      "{\"type\":\"follow\",\"ts\":01,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\"}",
      "{\"type\":\"follow\",\"ts\":1.,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\"}",
      "{\"type\":\"follow\",\"ts\":-,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\"}",
      "{\"type\":\"follow\",\"ts\":1e,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\"}",
      "{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\",\"x\":tru}",
      "{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\",\"x\":nullx}",
      "{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\",\"x\":[1,]}",
      "{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\",\"x\":{\"a\"}}",
      "{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\\q\"}",
      "{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\\u12\"}",
      "{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\tv\"}",
      "{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u",
      "{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\",\"user\":'u'}",
      "{type:\"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\"}",
      "{\"type\" \"follow\",\"ts\":1,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\"}",
      "{\"type\":\"follow\",\"ts\":+1,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\"}",
      "{\"type\":\"follow\",\"ts\":NaN,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\"}",
      "{\"type\":\"follow\",\"ts\":1 2,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\"}",
      "{\"type\":\"follow\"\"ts\":1,\"platform\":\"p\",\"room\":\"r\",\"user\":\"u\"}",
  })
  void malformedJsonIsRefusedByTheScannerAndByJackson(String line) throws Exception {
    assertThatThrownBy(() -> parser.parse(line)).isInstanceOf(BadLineException.class)
        .hasMessageStartingWith("invalid JSON");
    assertThatThrownBy(() -> new JacksonReference().parse(line.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(BadLineException.class);
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] ok = JOIN.getBytes(StandardCharsets.UTF_8);
    int at = JOIN.indexOf("u-2") + 1;
    for (byte[] bad : new byte[][] {{(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xC0, (byte) 0x80},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80,
        (byte) 0x80}, {(byte) 0xE4, (byte) 0xB8}}) {
      byte[] line = new byte[ok.length + bad.length];
      System.arraycopy(ok, 0, line, 0, at);
      System.arraycopy(bad, 0, line, at, bad.length);
      System.arraycopy(ok, at, line, at + bad.length, ok.length - at);
      assertThatThrownBy(() -> parser.parse(line, 0, line.length))
          .hasMessageStartingWith("invalid JSON").hasMessageContaining("UTF-8");
    }
  }

  @Test
  void escapesNestingAndEdgeNumbersAreRead() throws Exception {
    String line = "{\"ty\\u0070e\":\"comment\",\"ts\":-9223372036854775808,\"platform\":\"p\","
        + "\"room\":\"r\",\"user\":\"u\",\"text\":\"a\\\"b\\\\c\\/d\\n\\u597d\\ud83d\\ude00\","
        + "\"extra\":{\"a\":[1,2.5e-3,{\"b\":[]},\"x\",true,false,null]},\"big\":123456789012345678901}";
    Event e = parser.parse(line);
    assertThat(e).isEqualTo(new JacksonReference().parse(line.getBytes(StandardCharsets.UTF_8)));
    assertThat(e.ts()).isEqualTo(Long.MIN_VALUE);
    assertThat(((org.qinglang.event.Comment) e).text()).isEqualTo("a\"b\\c/d\n好😀");
  }

  @Test
  void aLongTooLargeIsNotALong() {
    String line = JOIN.replace("1732345678901", "9223372036854775808");
    assertThatThrownBy(() -> parser.parse(line))
        .hasMessage("field 'ts' must be an integer, got an integer too large");
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String deep = "[".repeat(100_000);
    String line = JOIN.replace("}", ",\"x\":" + deep + "}");
    assertThatThrownBy(() -> parser.parse(line)).hasMessageContaining("nested deeper");
  }

  /**
   * Differential test: valid lines mutated at random (characters deleted, inserted, repeated,
   * swapped) must get the same verdict from the scanner and from Jackson, and the same event
   * when both accept.
   */
  @Test
  void mutatedLinesGetTheSameVerdictAsJackson() throws Exception {
    List<String> seeds = new ArrayList<>();
    EventParserTest.everyType().forEach(a -> seeds.add((String) a.get()[1]));
    seeds.add("{ \"type\" : \"like\" , \"ts\" : 5 , \"platform\" : \"p\" , \"room\" : \"r\" ,"
        + " \"user\" : \"u\" , \"count\" : 3 , \"x\" : [ { } , [ ] , -0.5E+2 ] }\t");
    String alphabet = "{}[]:,\"\\ -+.0123456789eEtrufalsn\tu好😀";
    Random rnd = new Random(20261123);
    JacksonReference ref = new JacksonReference();
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 60_000; i++) {
      StringBuilder s = new StringBuilder(seeds.get(rnd.nextInt(seeds.size())));
      int edits = 1 + rnd.nextInt(3);
      for (int k = 0; k < edits && s.length() > 0; k++) {
        int at = rnd.nextInt(s.length());
        if (Character.isSurrogate(s.charAt(at))) {
          continue; // keep the text valid UTF-16, so its UTF-8 is valid too
        }
        switch (rnd.nextInt(4)) {
          case 0 -> s.deleteCharAt(at);
          case 1 -> s.insert(at, pick(alphabet, rnd));
          case 2 -> {
            int to = Math.min(s.length(), at + 1 + rnd.nextInt(8));
            if (!Character.isSurrogate(s.charAt(to - 1))) {
              s.insert(at, s.substring(at, to));
            }
          }
          default -> s.setCharAt(at, alphabet.charAt(rnd.nextInt(20)));
        }
      }
      byte[] line = s.toString().getBytes(StandardCharsets.UTF_8);
      Event mine = null;
      Event theirs = null;
      String whyMine = null;
      String whyTheirs = null;
      try {
        mine = parser.parse(line, 0, line.length);
      } catch (BadLineException e) {
        whyMine = e.getMessage();
      }
      try {
        theirs = ref.parse(line);
      } catch (BadLineException e) {
        whyTheirs = e.getMessage();
      }
      assertThat(whyMine == null).as("verdict on %s (scanner: %s, Jackson: %s)", s, whyMine,
          whyTheirs).isEqualTo(whyTheirs == null);
      assertThat(mine).as("event from %s", s).isEqualTo(theirs);
      if (mine != null) {
        accepted++;
      } else {
        refused++;
      }
    }
    // The mutations must exercise both sides, or the comparison proves little.
    assertThat(accepted).isGreaterThan(3_000);
    assertThat(refused).isGreaterThan(3_000);
  }

  private static String pick(String alphabet, Random rnd) {
    int[] cps = alphabet.codePoints().toArray();
    return new String(Character.toChars(cps[rnd.nextInt(cps.length)]));
  }

  @Test
  void repetitiveValuesAreSharedButStillChecked() throws Exception {
    Event a = parser.parse(JOIN);
    Event b = parser.parse(JOIN.replace("u-2", "u-3"));
    assertThat(a.platform()).isSameAs(b.platform());
    assertThat(((org.qinglang.event.ViewerJoin) b).via()).isEqualTo("feed");
    String escaped = JOIN.replace("\"douyin\"", "\"dou\\u0079in\"");
    assertThat(parser.parse(escaped).platform()).isEqualTo("douyin");
    String control = JOIN.replace("\"douyin\"", "\"dou\u0001yin\"");
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> parser.parse(control)).hasMessageContaining("control character");
    }
    // More distinct values than the cache holds: all still read right.
    for (int i = 0; i < 200; i++) {
      assertThat(parser.parse(JOIN.replace("\"feed\"", "\"via" + i + "\"")))
          .extracting(e -> ((org.qinglang.event.ViewerJoin) e).via()).isEqualTo("via" + i);
    }
  }

  @Test
  void aNameRepeatedManyTimesKeepsTheLastValueAndLeavesNothingBehind() throws Exception {
    String spam = ",\"user\":\"x\"".repeat(500);
    Event e = parser.parse(JOIN.replace("\"u-2\"", "\"u-2\"" + spam + ",\"user\":\"last\""));
    assertThat(e.user()).isEqualTo("last");
    assertThatThrownBy(() -> parser.parse("{\"type\":\"follow\",\"ts\":1,\"platform\":\"p\","
        + "\"room\":\"r\"}")).hasMessage("missing required field 'user'");
  }
}
