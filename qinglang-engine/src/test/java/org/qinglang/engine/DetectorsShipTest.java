package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.qinglang.detect.Detector;

/** Flink ships detectors to its tasks by Java serialisation: every registered one must go. */
class DetectorsShipTest {
  @Test
  void everyRegisteredDetectorIsSerializable() throws Exception {
    assertThat(QinglangJob.detectors(java.util.List.of())).isNotEmpty();
    java.util.List<String> failed = new java.util.ArrayList<>();
    for (Detector<?> d : QinglangJob.detectors(java.util.List.of())) {
      try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
        out.writeObject(d);
      } catch (java.io.NotSerializableException e) {
        failed.add(d.kind() + " holds a " + e.getMessage());
      }
    }
    assertThat(failed).as("detectors that cannot be shipped to Flink tasks").isEmpty();
  }
}
