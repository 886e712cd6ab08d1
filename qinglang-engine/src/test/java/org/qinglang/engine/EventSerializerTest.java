package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;
import org.qinglang.event.RoomStart;
import org.qinglang.io.JsonlEventReader;
import org.qinglang.sim.Simulator;

/** Every event the simulator writes, and the awkward ones it does not, survive the wire. */
class EventSerializerTest {
  private final DataOutputSerializer out = new DataOutputSerializer(256);

  private Event roundTrip(Event e) throws Exception {
    out.clear();
    EventSerializer.INSTANCE.serialize(e, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    Event back = EventSerializer.INSTANCE.deserialize(in);
    assertThat(in.available()).isZero();
    return back;
  }

  @Test
  void everyTypeOfASimulatedEveningComesBackEqual(@TempDir Path dir) throws Exception {
    Simulator.Result sim = Simulator.run(Simulator.Config.of(dir, 6, 30, 3));
    Set<EventType> seen = EnumSet.noneOf(EventType.class);
    try (JsonlEventReader r = JsonlEventReader.open(sim.events(), (l, why, raw) -> {})) {
      Event e;
      while ((e = r.next()) != null) {
        assertThat(roundTrip(e)).isEqualTo(e);
        seen.add(e.type());
      }
    }
    assertThat(seen).isEqualTo(EnumSet.allOf(EventType.class));
  }

  @Test
  void nullsEmptyStringsAndAstralCharactersComeBackEqual() throws Exception {
    Event c = new Comment(1, "douyin", "r", "u", "", null, "2001:db8::1");
    Event text = new Comment(2, "douyin", "r", "u", "好评😀".repeat(200), "d", null);
    Event room = new RoomStart(3, "kuaishou", "r", "a", "标题", null, null, null, null);
    assertThat(roundTrip(c)).isEqualTo(c);
    assertThat(roundTrip(text)).isEqualTo(text);
    assertThat(roundTrip(room)).isEqualTo(room);
  }
}
