package io.launchplan.plugin.backtest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A query of the form {@code EXPR > THRESHOLD} (also {@code <}, {@code >=}, {@code <=}): the comparison
 * with a number at the outermost level of the PromQL, so the backtest can chart {@code EXPR} itself and
 * say how far its history stays from the threshold (pure).
 *
 * <p>Only a single top-level comparison counts: {@code a > 1 and b > 2} or {@code a > bool 1} (which
 * always returns a sample, i.e. always fires) are not of this form. A comparison inside parentheses,
 * braces or brackets, in a string or in a comment is not top-level.
 *
 * @param expr the left side, {@code EXPR}
 * @param operator {@code >}, {@code >=}, {@code <} or {@code <=}
 * @param value the threshold
 */
public record Threshold(String expr, String operator, double value) {
  private static final Pattern NUMBER = Pattern.compile("[-+]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");
  /** The suggestion's headroom over the highest (or under the lowest) value seen. */
  static final double HEADROOM = 0.2;

  /** Whether the query fires when {@code EXPR} is high ({@code >}, {@code >=}). */
  public boolean firesHigh() {
    return operator.startsWith(">");
  }

  /** Parses {@code promql}; empty when it is not {@code EXPR op NUMBER} at its outermost level. */
  public static Optional<Threshold> parse(String promql) {
    int opAt = -1;
    int opLength = 0;
    int comparisons = 0;
    int depth = 0;
    String s = promql;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = endOfString(s, i);
        continue;
      }
      if (c == '#') {
        int nl = s.indexOf('\n', i);
        i = nl < 0 ? s.length() : nl;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0) {
        if (isWordStart(s, i) && (word(s, i, "and") || word(s, i, "or") || word(s, i, "unless"))) {
          return Optional.empty(); // a set operator binds looser than the comparison: not one threshold
        }
        int len = comparison(s, i);
        if (len > 0) {
          comparisons++;
          opAt = i;
          opLength = len;
          i += len - 1;
        }
      }
    }
    if (comparisons != 1) {
      return Optional.empty();
    }
    String left = stripComments(s.substring(0, opAt)).strip();
    String op = s.substring(opAt, opAt + opLength);
    String right = stripComments(s.substring(opAt + opLength)).strip();
    if (left.isEmpty() || !(op.equals(">") || op.equals(">=") || op.equals("<") || op.equals("<="))
        || !NUMBER.matcher(right).matches()) {
      return Optional.empty();
    }
    return Optional.of(new Threshold(left, op, Double.parseDouble(right)));
  }

  /**
   * The threshold this history suggests, assuming the range was healthy: 20% beyond the worst value
   * seen ({@code max × 1.2} for {@code >}, {@code min × 0.8} for {@code <}), rounded outwards to two
   * significant digits. When the worst value is 0 (or below, for {@code >}; or 0 and below for
   * {@code <}) no ratio makes sense: the current threshold is kept if it is already beyond it, else none.
   *
   * @param worst the highest value of {@code EXPR} seen (for {@code >}) or the lowest (for {@code <})
   * @return the suggestion, or null when there is none to make
   */
  public Double suggest(double worst) {
    if (firesHigh()) {
      if (worst > 0) {
        return round(worst * (1 + HEADROOM), RoundingMode.CEILING);
      }
      return value > worst ? value : null;
    }
    if (worst > 0) {
      return round(worst * (1 - HEADROOM), RoundingMode.FLOOR);
    }
    return value < worst ? value : null;
  }

  /** How far {@code threshold} stays from the worst value seen; negative: it was crossed. */
  public double margin(double threshold, double worst) {
    return firesHigh() ? threshold - worst : worst - threshold;
  }

  /** Two significant digits, after dropping the floating-point noise of PromQL's arithmetic (0.4000000000000006). */
  static double round(double v, RoundingMode mode) {
    return new BigDecimal(v).round(new MathContext(12, RoundingMode.HALF_EVEN)).round(new MathContext(2, mode)).doubleValue();
  }

  private static int comparison(String s, int i) {
    char c = s.charAt(i);
    char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
    if ((c == '>' || c == '<' || c == '=' || c == '!') && next == '=') {
      return 2;
    }
    if (c == '>' || c == '<') {
      return 1;
    }
    return 0;
  }

  private static int endOfString(String s, int start) {
    char quote = s.charAt(start);
    for (int i = start + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quote != '`') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return s.length();
  }

  private static boolean isWordStart(String s, int i) {
    return i == 0 || !(Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_' || s.charAt(i - 1) == ':');
  }

  private static boolean word(String s, int i, String w) {
    int end = i + w.length();
    return s.startsWith(w, i) && (end == s.length() || !(Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'));
  }

  private static String stripComments(String s) {
    return s.replaceAll("(?m)#.*$", "");
  }
}
