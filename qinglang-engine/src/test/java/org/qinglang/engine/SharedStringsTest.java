package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SharedStringsTest {

  private static String of(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return SharedStrings.of(b, b.length);
  }

  @Test
  void anIdDecodedTwiceIsOneInstance() {
    String a = of("u-117376");
    String b = of("u-117376");
    assertThat(b).isEqualTo("u-117376").isSameAs(a);
  }

  @Test
  void freeTextAndNonAsciiAreDecodedButNotShared() {
    String zh = "家人们，三二一上链接";
    assertThat(of(zh)).isEqualTo(zh).isNotSameAs(of(zh));
    String longText = "x".repeat(SharedStrings.MAX_BYTES + 1);
    assertThat(of(longText)).isEqualTo(longText).isNotSameAs(of(longText));
    assertThat(of("x".repeat(SharedStrings.MAX_BYTES)))
        .isSameAs(of("x".repeat(SharedStrings.MAX_BYTES)));
  }

  @Test
  void collisionsNeverReturnAnotherValue() {
    // Far more distinct ids than slots: every slot is overwritten many times, and each call
    // must still return its own value.
    for (int i = 0; i < 1_000_000; i++) {
      String id = "u-" + i;
      assertThat(of(id)).isEqualTo(id);
    }
    // Same length, same hash bucket candidates: "Aa" and "BB" have equal String hashes.
    assertThat(of("AaAa")).isEqualTo("AaAa");
    assertThat(of("BBBB")).isEqualTo("BBBB");
    assertThat(of("AaBB")).isEqualTo("AaBB");
  }

  @Test
  void theSerializerSharesIdsAcrossDecodedEvents() throws Exception {
    var out = new org.apache.flink.core.memory.DataOutputSerializer(256);
    var join = new org.qinglang.event.ViewerJoin(1_761_130_800_000L, "douyin", "r-1", "u-9",
        "d-1", "10.0.0.1", "feed");
    EventSerializer.INSTANCE.serialize(join, out);
    EventSerializer.INSTANCE.serialize(join, out);
    var in = new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer());
    var first = (org.qinglang.event.ViewerJoin) EventSerializer.INSTANCE.deserialize(in);
    var second = (org.qinglang.event.ViewerJoin) EventSerializer.INSTANCE.deserialize(in);
    assertThat(second).isEqualTo(join).isNotSameAs(first);
    assertThat(second.user()).isSameAs(first.user());
    assertThat(second.room()).isSameAs(first.room());
  }
}
