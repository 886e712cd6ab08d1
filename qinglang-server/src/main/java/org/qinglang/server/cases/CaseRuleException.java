package org.qinglang.server.cases;

/** A workflow step not allowed in the case's current state (answered 409). */
public final class CaseRuleException extends RuntimeException {
  public CaseRuleException(String what) {
    super(what);
  }
}
