package org.qinglang.sim;

/**
 * Injects cases of one alert kind into a simulated {@link World}, writing one
 * {@link org.qinglang.alert.Label} per case. Register an injector with one line in
 * {@code qinglang-lab/src/main/resources/META-INF/services/org.qinglang.sim.Injector}; it then
 * runs in every simulation, its knobs read from {@link Knobs} under its kind's prefix
 * (e.g. {@code viewer_inflation.cases}), so a scenario file can turn it up, down or subtle.
 */
public interface Injector {

  /** The alert kind the labels carry. */
  String kind();

  void inject(World world, Knobs knobs);
}
