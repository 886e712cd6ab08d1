package org.qinglang.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.qinglang.alert.Alert;
import org.qinglang.event.Comment;
import org.qinglang.event.Event;

/** A KEYED detector's state is per key it names, and an event goes to every key it names. */
class KeyedScopeTest {

  /** Keys are the words of a comment; each key reports the users it saw, in order. */
  static class Words extends KeyStateTest.Recorder {
    Words() {
      super(Scope.KEYED);
    }

    @Override
    public String kind() {
      return "words";
    }

    @Override
    public Collection<String> keysOf(Event e) {
      String t = ((Comment) e).text();
      return t.isEmpty() ? List.of() : Arrays.asList(t.split(" "));
    }

    @Override
    public void onEvent(List<Long> seen, Event e, Context ctx) {
      seen.add(e.ts());
      ctx.emit(AlertBuilder.of("recorder", ctx.key()).at(ctx.now(), "p").room("r")
          .score(0.5).summary("seen").evidence("seen", List.copyOf(seen)).build());
    }
  }

  private static Comment c(long ts, String text) {
    return new Comment(ts, "p", "r", "u" + ts, text, null, null);
  }

  /** Key -> event times it saw, from each key's latest alert (its id names the key). */
  private static Map<String, Object> seen(List<Alert> alerts) {
    Map<String, Object> byKey = new TreeMap<>();
    for (String k : List.of("a", "b", "c")) {
      for (Alert a : alerts) {
        if (a.id().equals(Alert.idFor("recorder", k))) {
          byKey.put(k, a.evidence().get("seen"));
        }
      }
    }
    return byKey;
  }

  @Test
  void anEventWithTwoKeysReachesBothInEachKeysEventTimeOrder() {
    LocalRunner r = LocalRunner.of(new Words());
    r.accept(c(5_000, "a b"));
    r.accept(c(3_000, "b")); // late but within the bound: b sees it first
    r.accept(c(6_000, "a a")); // a key named twice sees the event once
    r.accept(c(7_000, "")); // no key: nowhere
    r.accept(c(8_000, "c"));
    assertThat(seen(r.finish())).isEqualTo(Map.of(
        "a", List.of(5_000L, 6_000L),
        "b", List.of(3_000L, 5_000L),
        "c", List.of(8_000L)));
  }

  @Test
  void eachKeyedDetectorHasAGroupOfItsOwn() {
    Words one = new Words();
    Words two = new Words() {
      @Override
      public String kind() {
        return "words2";
      }
    };
    List<DetectorGroup> groups = DetectorGroup.byScope(List.of(one, two));
    assertThat(groups).hasSize(2).allSatisfy(g -> {
      assertThat(g.scope()).isEqualTo(Scope.KEYED);
      assertThat(g.size()).isEqualTo(1);
    });
    assertThatThrownBy(() -> new DetectorGroup(Scope.KEYED, List.of(one, two)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aKeyedDetectorThatNamesNoKeyFunctionFailsLoudly() {
    LocalRunner r = LocalRunner.of(new KeyStateTest.Recorder(Scope.KEYED));
    assertThatThrownBy(() -> r.accept(c(1_000, "a")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("keysOf");
  }
}
