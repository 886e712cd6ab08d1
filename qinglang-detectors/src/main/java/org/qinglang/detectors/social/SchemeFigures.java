package org.qinglang.detectors.social;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one survey of a referral tree found: the figures the legal tests and the alert use. */
final class SchemeFigures {
  /** The root person's stable key (its first account). */
  String rootKey;
  String platform;
  int persons;
  int accounts;
  int maxDepth;
  int levels;
  /** Persons per level (1 = organiser). */
  final TreeMap<Integer, Integer> personsPerLevel = new TreeMap<>();
  final TreeMap<Integer, Integer> feePayersPerLevel = new TreeMap<>();
  int feePayers;
  int explicitFeePayers;
  int disguisedFeePayers;
  long disguisedFeeAmount;
  long feesExplicit;
  long feesDisguised;
  /** Commissions whose source is a downline of the earner, by levels between them. */
  final TreeMap<Integer, long[]> commissionByDepth = new TreeMap<>(); // depth -> {count, fen}
  long commissionUpward;
  long commissionOther;
  int paidRecruiters;
  int teamCommissions;
  int headCommissions;
  int indirectHeadCommissions;
  int maxCommissionDepth;
  int maxRecruitsPerDay;
  /** Organiser accounts, then members in breadth-first order. */
  final List<String> organiserAccounts = new ArrayList<>();
  final List<String> memberAccounts = new ArrayList<>();
  final List<Map<String, Object>> leaders = new ArrayList<>();
  final List<Map<String, Object>> topRecruiters = new ArrayList<>();
  final List<Map<String, Object>> mergedIdentities = new ArrayList<>();
  final List<Map<String, Object>> referralRefs = new ArrayList<>();
  final List<Map<String, Object>> commissionRefs = new ArrayList<>();
  /** Stable keys of every person in the tree (to carry an earlier alert id over merges). */
  final List<String> personKeys = new ArrayList<>();
  long lastTs;
  /** Working figures per person (representative), for the listed recruiters and leaders. */
  final Map<String, Long> feePaidBy = new java.util.HashMap<>();
  final Map<String, TreeMap<Integer, Long>> earnedBy = new java.util.HashMap<>();

  long feesCollected() {
    return feesExplicit + feesDisguised;
  }

  /** Money paid up to uplines as a share of the money members paid in. */
  double upwardShare() {
    long in = feesCollected();
    return in == 0 ? 0 : commissionUpward / (double) in;
  }
}
