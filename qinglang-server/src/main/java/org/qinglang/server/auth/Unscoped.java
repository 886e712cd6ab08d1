package org.qinglang.server.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public operation of a class that holds the database as deliberately taking no
 * {@link Scope}, with the reason. Every other such operation must take the caller's scope:
 * {@code DomainArchitectureTest} fails the build otherwise, so a new write cannot forget it.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Unscoped {
  /** Why no caller's scope applies. */
  String value();
}
