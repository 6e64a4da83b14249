package org.mrdflow.review.store;

/** A signed-in reviewer or director. */
public record User(String name, Role role) {}
