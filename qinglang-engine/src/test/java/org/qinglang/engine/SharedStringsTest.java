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

  /**
   * Ids that differ only in one stretch of eight bytes, for every stretch of a 64-byte id: far
   * more of them than slots, so many meet in a slot, and a comparison that skipped that stretch
   * would hand back the other id.
   */
  @Test
  void idsThatDifferInAnyEightBytesAreNeverTakenForEachOther() {
    for (int word = 0; word < SharedStrings.MAX_BYTES / 8; word++) {
      char[] id = "x".repeat(SharedStrings.MAX_BYTES).toCharArray();
      for (int i = 0; i < 300_000; i++) {
        String digits = String.format("%08d", i);
        digits.getChars(0, 8, id, word * 8);
        String s = new String(id);
        assertThat(of(s)).isEqualTo(s);
        assertThat(of(s)).isSameAs(of(s));
      }
    }
    // Lengths that pad to the same words: "ab" and "ab" followed by NUL bytes.
    assertThat(of("ab")).isEqualTo("ab");
    assertThat(of("ab\0")).isEqualTo("ab\0");
    assertThat(of("ab\0\0\0\0\0\0")).isEqualTo("ab\0\0\0\0\0\0");
    assertThat(of("ab")).isEqualTo("ab");
  }

  /** Tasks decode on their own threads into one table: each still gets its own value back. */
  @Test
  void threadsRacingOverTheSameSlotsEachGetTheirOwnValue() throws Exception {
    int threads = 4;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      java.util.List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t * 97_003;
        done.add(pool.submit(() -> {
          int wrong = 0;
          for (int i = 0; i < 600_000; i++) {
            String id = "device-" + ((i + offset) % 600_000) + "-of-the-evening-0123456789abcdef";
            byte[] b = id.getBytes(StandardCharsets.US_ASCII);
            if (!SharedStrings.of(b, b.length).equals(id)) {
              wrong++;
            }
          }
          return wrong;
        }));
      }
      for (var f : done) {
        assertThat(f.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
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
