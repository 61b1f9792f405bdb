package io.launchplan.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.UnknownFields;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON mapping the operator's client is built with. A field of our resources that this
 * operator's types do not know (the installed CRD is newer than the operator) no longer fails the
 * informers: it is skipped, and when it lies in a spec its path is recorded on that spec
 * ({@link UnknownFields}), which the gates then refuse to act on (fail closed). Unknown fields
 * elsewhere (a status written by a newer replica) are only skipped. Everything else maps as fabric8's
 * default does; a value of the wrong type still fails as before.
 */
public final class OperatorSerialization extends KubernetesSerialization {
  private static final Logger log = LoggerFactory.getLogger(OperatorSerialization.class);

  public OperatorSerialization() {
    super(new ObjectMapper().addHandler(new UnknownFieldRecorder()), true);
  }

  /** A copy that keeps the unknown fields recorded on the original's spec (a JSON round trip would lose them). */
  @Override
  public <T> T clone(T resource) {
    T copy = super.clone(resource);
    if (resource instanceof CustomResource<?, ?> from && from.getSpec() instanceof UnknownFields known
        && copy instanceof CustomResource<?, ?> to && to.getSpec() instanceof UnknownFields unknown) {
      unknown.unknownFields().clear();
      unknown.unknownFields().addAll(known.unknownFields());
    }
    return copy;
  }

  /** Skips an unknown field of an {@code io.launchplan.api} type, recording its path on the enclosing spec. */
  static final class UnknownFieldRecorder extends DeserializationProblemHandler {
    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
        Object beanOrClass, String propertyName) throws IOException {
      Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
      if (!type.getPackageName().equals(LaunchPlan.class.getPackageName())) {
        return false; // not ours: fabric8's types keep their own handling
      }
      // The parser stands on the field's value; an object or array value has opened its own context.
      JsonStreamContext context = p.getParsingContext();
      if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
        context = context.getParent();
      }
      Deque<String> path = new ArrayDeque<>();
      path.push(propertyName);
      UnknownFields spec = null;
      for (JsonStreamContext c = context; c != null && c.getParent() != null; c = c.getParent()) {
        if (c.getCurrentValue() instanceof UnknownFields u) {
          spec = u; // the outermost one (a spec) wins
        }
        if (c.getCurrentValue() instanceof HasMetadata) {
          break; // the resource's root: the path is relative to it
        }
        JsonStreamContext parent = c.getParent();
        if (parent.inArray()) {
          path.push("[" + parent.getCurrentIndex() + "]");
        } else if (parent.inObject() && parent.getCurrentName() != null) {
          path.push(parent.getCurrentName());
        }
      }
      p.skipChildren();
      String field = String.join(".", path).replace(".[", "[");
      if (spec != null) {
        spec.unknownFields().add(field);
      } else {
        log.debug("skipped field {} of {}: not known to this operator", field, type.getSimpleName());
      }
      return true;
    }
  }
}
