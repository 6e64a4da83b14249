package org.mrdflow.review;

/**
 * A review action as the API and the forms send it:
 * {@code {"action": "accept"|"override"|"sign", "field"?, "value"?, "reason"?}}.
 */
public record ReviewRequest(String action, String field, String value, String reason) {}
