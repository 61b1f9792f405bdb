package io.launchplan.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bounds on text the operator copies from what people write (annotation values, API and
 * Prometheus messages) into status, conditions, history and Events. An annotation may hold up to
 * 256 KiB, and a status is written as one object of at most about 1.5 MiB: a value copied seven
 * times must be cut before it is copied, or the status write fails and the plan is stuck.
 *
 * <p>A cut text keeps its head and ends with a marker naming how much was cut and a digest of
 * the whole value, so two long values that differ only past the cut still read as different
 * (the manual controls compare the value they handled last with the current one).
 */
public final class Texts {
  /** The most of an annotation value (a freeze or abort reason, a promote nonce) that is copied. */
  public static final int MAX_VALUE = 512;
  /** The most of one message (a status message, a history entry, a condition, an Event). */
  public static final int MAX_MESSAGE = 2048;

  private Texts() {}

  /** {@code text} itself when it has at most {@code max} characters, else its head and a marker; null stays null. */
  public static String bounded(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    String marker = "…(" + (text.length() - max) + " more characters cut, sha256:" + digest(text) + ")";
    int keep = Math.max(0, max - marker.length());
    if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--; // never split a surrogate pair
    }
    return text.substring(0, keep) + marker;
  }

  /** An annotation value as it may be copied: at most {@link #MAX_VALUE} characters. */
  public static String value(String text) {
    return bounded(text, MAX_VALUE);
  }

  /** A message as it may be written: at most {@link #MAX_MESSAGE} characters. */
  public static String message(String text) {
    return bounded(text, MAX_MESSAGE);
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
