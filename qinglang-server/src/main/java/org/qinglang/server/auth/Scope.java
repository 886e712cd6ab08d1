package org.qinglang.server.auth;

import java.util.List;
import java.util.Set;

/**
 * The tenant slice one caller may see. Every query of the domain classes takes a Scope and
 * narrows its SQL with {@link #rooms(String)} or {@link #alerts(String)}, so the filter is
 * applied in one place per kind of row rather than remembered in each route.
 *
 * @param platform the platform of a platform analyst (null otherwise)
 * @param anchors the anchors an agency represents (empty otherwise)
 */
public record Scope(String user, Role role, String platform, Set<String> anchors) {

  public Scope {
    anchors = Set.copyOf(anchors);
    if (role == Role.PLATFORM_ANALYST && (platform == null || platform.isBlank())) {
      throw new IllegalArgumentException("a platform analyst needs a platform");
    }
  }

  public static Scope regulator(String user) {
    return new Scope(user, Role.REGULATOR, null, Set.of());
  }

  /**
   * The server acting on its own behalf (the start-up import, the first admin account): all
   * platforms, as the operator who configured it. The colon keeps it apart from user names,
   * which may not contain one.
   */
  public static Scope system(String what) {
    return new Scope("system:" + what, Role.REGULATOR, null, Set.of());
  }

  /** Refuses an agency: they read their anchors' data and change nothing. */
  public void requireNotAgency(String what) {
    if (role == Role.AGENCY) {
      throw new Forbidden("agencies cannot " + what);
    }
  }

  public void requireRegulator(String what) {
    if (role != Role.REGULATOR) {
      throw new Forbidden("only a regulator may " + what);
    }
  }

  /**
   * The platform a write by this caller lands on: an analyst's own, whatever they asked for;
   * the regulator's choice, which must be given.
   */
  public String writePlatform(String asked) {
    requireNotAgency("change platform data");
    if (role == Role.PLATFORM_ANALYST) {
      return platform;
    }
    if (asked == null || asked.isBlank()) {
      throw new IllegalArgumentException("missing field 'platform'");
    }
    return asked;
  }

  /** A WHERE fragment with its parameters. */
  public record Filter(String sql, List<Object> params) {
    /** Parameters for a statement whose own placeholders come before this filter's. */
    public Object[] after(Object... leading) {
      Object[] all = java.util.Arrays.copyOf(leading, leading.length + params.size());
      for (int i = 0; i < params.size(); i++) {
        all[leading.length + i] = params.get(i);
      }
      return all;
    }
  }

  /** Filter for rows of a table aliased {@code r} with {@code platform} and {@code anchor}. */
  public Filter rooms(String alias) {
    if (role == Role.REGULATOR) {
      return new Filter("true", List.of());
    }
    if (role == Role.PLATFORM_ANALYST) {
      return new Filter(alias + ".platform = ?", List.of(platform));
    }
    // singletonList: List.of(array) would spread the array into separate parameters
    return new Filter(alias + ".anchor = any(?)", java.util.Collections.singletonList(anchorArray()));
  }

  /**
   * Filter for alert rows aliased {@code a}: an agency sees alerts of its anchors' rooms and
   * alerts that name one of its anchors as a subject.
   */
  public Filter alerts(String alias) {
    if (role == Role.REGULATOR) {
      return new Filter("true", List.of());
    }
    if (role == Role.PLATFORM_ANALYST) {
      return new Filter(alias + ".platform = ?", List.of(platform));
    }
    return new Filter("(exists (select 1 from room sr where sr.room = " + alias + ".room and sr.anchor"
        + " = any(?)) or exists (select 1 from jsonb_array_elements(" + alias + ".body->'subjects')"
        + " s where s->>'type' in ('anchor','account') and s->>'id' = any(?)))",
        List.of(anchorArray(), anchorArray()));
  }

  /** Filter on a plain {@code platform} column; agencies see no platform-wide rows. */
  public Filter platform(String alias) {
    if (role == Role.REGULATOR) {
      return new Filter("true", List.of());
    }
    if (role == Role.PLATFORM_ANALYST) {
      return new Filter(alias + ".platform = ?", List.of(platform));
    }
    return new Filter("false", List.of());
  }

  public boolean seesPlatform(String pf) {
    return role == Role.REGULATOR || role == Role.PLATFORM_ANALYST && platform.equals(pf);
  }

  public boolean isRegulator() {
    return role == Role.REGULATOR;
  }

  private String[] anchorArray() {
    return anchors.toArray(new String[0]);
  }
}
