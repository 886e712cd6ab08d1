package org.qinglang.detectors.claim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A multi-keyword matcher over {@code char}s (Aho-Corasick). Written for CJK text: it matches
 * any substring, with no notion of word boundaries (org.ahocorasick's whole-word mode finds
 * nothing in Chinese). Transitions are stored flat and sorted, with a direct table at the root
 * because most characters of a sentence leave the root at once.
 */
final class AhoCorasick {

  /** Receives each occurrence of keyword {@code id} at [start, end) of the searched text. */
  interface Hits {
    void hit(int id, int start, int end);
  }

  private final int[] rootNext = new int[65536];
  private final int[] edgeStart;
  private final int[] edgeCount;
  private final char[] edgeChar;
  private final int[] edgeTarget;
  private final int[] fail;
  private final int[] outStart;
  private final int[] outCount;
  private final int[] outIds;
  private final int[] keyLength;

  AhoCorasick(List<String> keys) {
    List<TreeMap<Character, Integer>> go = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    go.add(new TreeMap<>());
    out.add(new ArrayList<>());
    keyLength = new int[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      String key = keys.get(k);
      if (key.isEmpty()) {
        throw new IllegalArgumentException("empty keyword at index " + k);
      }
      keyLength[k] = key.length();
      int s = 0;
      for (int i = 0; i < key.length(); i++) {
        Integer n = go.get(s).get(key.charAt(i));
        if (n == null) {
          n = go.size();
          go.add(new TreeMap<>());
          out.add(new ArrayList<>());
          go.get(s).put(key.charAt(i), n);
        }
        s = n;
      }
      out.get(s).add(k);
    }
    int nodes = go.size();
    fail = new int[nodes];
    // Breadth-first: a node's failure link is known once all shallower nodes are done.
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int child : go.get(0).values()) {
      queue.add(child);
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      for (Map.Entry<Character, Integer> e : go.get(s).entrySet()) {
        int child = e.getValue();
        int f = fail[s];
        while (f != 0 && !go.get(f).containsKey(e.getKey())) {
          f = fail[f];
        }
        Integer via = go.get(f).get(e.getKey());
        fail[child] = via != null && via != child ? via : 0;
        out.get(child).addAll(out.get(fail[child]));
        queue.add(child);
      }
    }
    edgeStart = new int[nodes];
    edgeCount = new int[nodes];
    outStart = new int[nodes];
    outCount = new int[nodes];
    int edges = 0;
    int outs = 0;
    for (int s = 0; s < nodes; s++) {
      edges += go.get(s).size();
      outs += out.get(s).size();
    }
    edgeChar = new char[edges];
    edgeTarget = new int[edges];
    outIds = new int[outs];
    int e = 0;
    int o = 0;
    for (int s = 0; s < nodes; s++) {
      edgeStart[s] = e;
      edgeCount[s] = go.get(s).size();
      for (Map.Entry<Character, Integer> en : go.get(s).entrySet()) {
        edgeChar[e] = en.getKey();
        edgeTarget[e] = en.getValue();
        e++;
      }
      outStart[s] = o;
      outCount[s] = out.get(s).size();
      for (int id : out.get(s)) {
        outIds[o++] = id;
      }
    }
    Arrays.fill(rootNext, 0);
    for (Map.Entry<Character, Integer> en : go.get(0).entrySet()) {
      rootNext[en.getKey()] = en.getValue();
    }
  }

  private int next(int s, char c) {
    if (s == 0) {
      return rootNext[c];
    }
    int lo = edgeStart[s];
    int hi = lo + edgeCount[s] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      char m = edgeChar[mid];
      if (m < c) {
        lo = mid + 1;
      } else if (m > c) {
        hi = mid - 1;
      } else {
        return edgeTarget[mid];
      }
    }
    return -1;
  }

  void search(char[] text, int length, Hits hits) {
    int s = 0;
    for (int i = 0; i < length; i++) {
      char c = text[i];
      int n;
      while ((n = next(s, c)) < 0) {
        s = fail[s];
      }
      s = n;
      int oc = outCount[s];
      if (oc > 0) {
        int os = outStart[s];
        for (int j = 0; j < oc; j++) {
          int id = outIds[os + j];
          hits.hit(id, i + 1 - keyLength[id], i + 1);
        }
      }
    }
  }

}
