package io.launchplan.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Short, stable names for pod templates: the first 10 hex digits of the SHA-256 of the
 * template's JSON with object keys sorted, so key order never changes a revision.
 */
public final class Revisions {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private Revisions() {}

  /** The revision of a LaunchPlan's {@code spec.template} or of any pod template. */
  public static String templateHash(Object template) {
    try {
      JsonNode tree = CANONICAL.valueToTree(template);
      Object sorted = CANONICAL.treeToValue(tree, Object.class);
      byte[] json = CANONICAL.writeValueAsBytes(sorted);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot hash template", e);
    }
  }

  /** As {@link #templateHash} for a template already in canonical-able JSON text. */
  static String hashJson(String json) {
    try {
      return templateHash(CANONICAL.readTree(json.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }
}
