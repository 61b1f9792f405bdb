package io.launchplan.api;

import java.util.List;

/**
 * A spec that remembers the fields its JSON had but this operator's types do not know (a newer CRD
 * than the operator: CRDs are upgraded first, or an old replica runs during a rolling upgrade).
 * The deserializer drops such a field and records its path here ({@code spec.minimums.fooBar}); the
 * gates then refuse to act on the spec rather than act on the part of it they understand.
 */
public interface UnknownFields {
  /** The paths of the unknown fields, from the resource's root; mutable, never serialized. */
  List<String> unknownFields();

  /** Why a spec with the unknown fields {@code paths} cannot be acted on. */
  static String problem(List<String> paths) {
    String version = UnknownFields.class.getPackage().getImplementationVersion();
    return (paths.size() == 1 ? "field " + paths.get(0) + " is" : "fields " + String.join(", ", paths) + " are")
        + " not known to this operator (" + (version != null ? version : "version unknown")
        + "); upgrade the operator";
  }
}
