package org.qinglang.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Settings of the simulation: from the command line ({@code --knob k=v}), then the scenario
 * file {@code qinglang/scenarios/NAME.properties}, then the default the code passes. A
 * scenario is data, so a new adversary variant is a file, not a code path.
 */
public final class Knobs {
  private final Map<String, String> values = new TreeMap<>();
  private final String scenario;

  public Knobs(String scenario, Map<String, String> overrides) {
    this.scenario = scenario == null ? "default" : scenario;
    Properties p = load(this.scenario);
    for (String k : p.stringPropertyNames()) {
      values.put(k, p.getProperty(k).trim());
    }
    values.putAll(overrides);
  }

  public static Knobs defaults() {
    return new Knobs("default", Map.of());
  }

  private static Properties load(String name) {
    Properties p = new Properties();
    String path = "/qinglang/scenarios/" + name + ".properties";
    try (InputStream in = Knobs.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("unknown scenario '" + name + "' (no " + path
            + "); see qinglang simulate --list-scenarios");
      }
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** Scenario names, from the index file that lists them. */
  public static java.util.List<String> scenarios() {
    try (InputStream in = Knobs.class.getResourceAsStream("/qinglang/scenarios/index.txt")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String scenario() {
    return scenario;
  }

  public String str(String key, String dflt) {
    return values.getOrDefault(key, dflt);
  }

  public int i(String key, int dflt) {
    String v = values.get(key);
    return v == null ? dflt : Integer.parseInt(v);
  }

  public double d(String key, double dflt) {
    String v = values.get(key);
    return v == null ? dflt : Double.parseDouble(v);
  }

  public boolean b(String key, boolean dflt) {
    String v = values.get(key);
    return v == null ? dflt : Boolean.parseBoolean(v);
  }

  public Map<String, String> asMap() {
    return Map.copyOf(values);
  }
}
