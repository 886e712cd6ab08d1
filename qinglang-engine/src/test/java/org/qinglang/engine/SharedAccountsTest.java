package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.qinglang.event.AccountEvent;

class SharedAccountsTest {
  private static final long TS = 1_761_130_800_000L;

  private static AccountEvent account(String user, long created, String device) {
    return new AccountEvent(TS, "douyin", user, created, "id-" + user, "ph-" + user, device);
  }

  @Test
  void theCopiesEveryTaskDecodesOfOneBroadcastAccountAreOneInstance() throws Exception {
    AccountEvent a = account("u-42", 1_700_000_000_000L, "d-7");
    DataOutputSerializer out = new DataOutputSerializer(256);
    for (int task = 0; task < 4; task++) {
      EventSerializer.INSTANCE.serialize(a, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    AccountEvent first = (AccountEvent) EventSerializer.INSTANCE.deserialize(in);
    assertThat(first).isEqualTo(a);
    for (int task = 1; task < 4; task++) {
      assertThat(EventSerializer.INSTANCE.deserialize(in)).isSameAs(first);
    }
  }

  @Test
  void aChangedAccountIsNeverAnsweredWithTheOldRecord() {
    // Same user and time, another device (a re-registration or a correction): the other record.
    AccountEvent before = SharedAccounts.of(account("u-43", 1L, "d-1"));
    AccountEvent after = SharedAccounts.of(account("u-43", 1L, "d-2"));
    assertThat(after.device()).isEqualTo("d-2");
    assertThat(after).isNotSameAs(before);
    // Far more accounts than slots: each call still returns an equal record.
    for (int i = 0; i < 400_000; i++) {
      AccountEvent a = account("u-" + i, i, "d-" + (i % 97));
      assertThat(SharedAccounts.of(a)).isEqualTo(a);
    }
  }
}
