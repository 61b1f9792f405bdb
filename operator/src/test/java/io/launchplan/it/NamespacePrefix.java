package io.launchplan.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The prefix of the namespaces {@link ClusterExtension} makes for a test class (default {@code it}). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NamespacePrefix {
  String value();
}
