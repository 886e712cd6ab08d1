package org.qinglang.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Scratch runs of the crew kinds, not a gate: -Dqinglang.crews=default:1,2,3;subtle:21 and
 * optionally -Dqinglang.crews.rooms=60 and -Dqinglang.crews.minutes=90. Prints one line per kind and evening.
 */
class CrewScratch {
  @Test
  @EnabledIfSystemProperty(named = "qinglang.crews", matches = ".+")
  void scratch() {
    int rooms = Integer.getInteger("qinglang.crews.rooms", 30);
    int minutes = Integer.getInteger("qinglang.crews.minutes", 60);
    for (String part : System.getProperty("qinglang.crews").split(";")) {
      String[] sp = part.split(":");
      for (String seed : sp[1].split(",")) {
        CrewScores s = CrewScores.of(sp[0], Long.parseLong(seed.trim()), rooms,
            minutes);
        for (String kind : CrewScores.KINDS) {
          System.out.println("CREW " + s.line(kind));
          if (Boolean.getBoolean("qinglang.crews.missed")) {
            System.out.print(s.missed(kind));
            System.out.print(s.falseAlarms(kind));
          }
        }
      }
    }
  }
}
