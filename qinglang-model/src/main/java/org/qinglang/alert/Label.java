package org.qinglang.alert;

import java.util.List;

/** Ground truth for one injected case, as a scenario generator writes it. */
public record Label(String kind, String room, List<Subject> subjects) {
  public Label {
    subjects = List.copyOf(subjects);
  }
}
