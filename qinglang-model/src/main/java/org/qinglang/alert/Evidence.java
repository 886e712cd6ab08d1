package org.qinglang.alert;

/**
 * A typed evidence record: what one kind of finding shows a person who re-checks it. Detectors
 * build one record per kind (its components are the figures and event references), the alert
 * carries it as plain JSON values in snake_case, and readers get the record back with
 * {@link Alert#evidenceAs(Class)}: so tests and the console read fields, never cast map values.
 *
 * <p>Components must be JSON-shaped: strings, numbers, booleans, enums, lists, maps with string
 * keys, or other records of the same kind. Nulls are written as absent fields.
 */
public interface Evidence {}
