package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.qinglang.detect.OrderLinker;
import org.qinglang.event.Event;
import org.qinglang.event.Order;
import org.qinglang.event.OrderCancel;
import org.qinglang.event.Refund;

/** After-sale events that arrive before their order (another Kafka partition read ahead). */
class OrderLinkFunctionTest {

  private static KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness()
      throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new OrderLinkFunction()), OrderLinker::orderOf, Types.STRING);
    h.setup(EventSerializer.INSTANCE); // the job's serializer, not one guessed per record class
    h.open();
    return h;
  }

  @Test
  void aCancelBeforeItsOrderWaitsForItAndGetsItsRoom() throws Exception {
    try (var h = harness()) {
      h.processWatermark(0);
      h.processElement(new OrderCancel(60_000, "douyin", "o1", null, null), 60_000);
      assertThat(h.extractOutputValues()).isEmpty();
      h.processElement(new Order(50_000, "douyin", "r1", "u1", "o1", "s1", 1, 990, null, null,
          null, null), 50_000);
      assertThat(h.extractOutputValues()).hasSize(2);
      assertThat(h.extractOutputValues().get(1))
          .isEqualTo(new OrderCancel(60_000, "douyin", "o1", "r1", "u1"));
    }
  }

  @Test
  void anAfterSaleEventWhoseOrderNeverComesGoesOnWhenTheWatermarkPassesIt() throws Exception {
    try (var h = harness()) {
      h.processWatermark(0);
      Refund orphan = new Refund(60_000, "douyin", "o9", 990, null, null);
      h.processElement(orphan, 60_000);
      h.processWatermark(59_999);
      assertThat(h.extractOutputValues()).isEmpty();
      h.processWatermark(60_000);
      assertThat(h.extractOutputValues()).containsExactly(orphan);
    }
  }

  @Test
  void aCompleteOrLateAfterSaleEventIsNotHeld() throws Exception {
    try (var h = harness()) {
      h.processWatermark(100_000);
      OrderCancel late = new OrderCancel(60_000, "douyin", "o2", null, null);
      OrderCancel complete = new OrderCancel(200_000, "douyin", "o3", "r3", "u3");
      h.processElement(late, 60_000);
      h.processElement(complete, 200_000);
      assertThat(h.extractOutputValues()).containsExactly(late, complete);
    }
  }
}
