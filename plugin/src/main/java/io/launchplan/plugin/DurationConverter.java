package io.launchplan.plugin;

import io.launchplan.api.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A duration flag in the plan's own syntax ({@code 30s}, {@code 10m}, {@code 1h30m}, {@code 500ms}). */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value, Duration.ZERO);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
