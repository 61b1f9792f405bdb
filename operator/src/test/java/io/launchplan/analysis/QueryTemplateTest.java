package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchplan.analysis.model.QueryTemplate;
import io.launchplan.analysis.model.QueryVariables;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QueryTemplateTest {
  private static final QueryVariables VARS = new QueryVariables("shop", "checkout",
      List.of("checkout-canary-7f9c-x2x4z"), List.of("checkout-5d8c-abcde", "checkout-5d8c-fghij"), "5d8c7f9b");

  /** PromQL anchors regexes; Java's {@code matches} does the same, and RE2 agrees on this subset. */
  private static boolean promqlRegexMatches(String regex, String value) {
    return Pattern.matches(regex, value);
  }

  @Test
  void substitutesEveryVariable() {
    String rendered = QueryTemplate.render(
        "x{namespace=\"${namespace}\",deployment=\"${target}\",pod=~\"${canaryPods}\",rev=\"${revision}\"}"
            + " / y{pod=~\"${stablePods}\"}", VARS);

    assertThat(rendered).isEqualTo("x{namespace=\"shop\",deployment=\"checkout\",pod=~\"checkout-canary-7f9c-x2x4z\","
        + "rev=\"5d8c7f9b\"} / y{pod=~\"checkout-5d8c-abcde|checkout-5d8c-fghij\"}");
  }

  @Test
  void textWithoutVariablesIsUnchanged() {
    assertThat(QueryTemplate.render("sum(rate(x[1m])) > 0.01", VARS)).isEqualTo("sum(rate(x[1m])) > 0.01");
  }

  @Test
  void podRegexMatchesExactlyTheListedPods() {
    String regex = QueryTemplate.podRegex(List.of("web-1", "web-2"));

    assertThat(promqlRegexMatches(regex, "web-1")).isTrue();
    assertThat(promqlRegexMatches(regex, "web-2")).isTrue();
    assertThat(promqlRegexMatches(regex, "web-10")).isFalse();
    assertThat(promqlRegexMatches(regex, "web-")).isFalse();
    assertThat(promqlRegexMatches(regex, "")).isFalse();
  }

  @Test
  void dotsInPodNamesMatchOnlyDots() {
    String regex = QueryTemplate.podRegex(List.of("web.v2-0"));

    assertThat(regex).isEqualTo("web[.]v2-0").doesNotContain("\\");
    assertThat(promqlRegexMatches(regex, "web.v2-0")).isTrue();
    assertThat(promqlRegexMatches(regex, "webXv2-0")).isFalse();
  }

  @Test
  void otherRegexMetacharactersAreEscaped() {
    String regex = QueryTemplate.podRegex(List.of("a+b*c?(d)|{e}$f"));

    assertThat(promqlRegexMatches(regex, "a+b*c?(d)|{e}$f")).isTrue();
    assertThat(promqlRegexMatches(regex, "aab")).isFalse();
  }

  @Test
  void emptyPodListMatchesNoPodAndNoMissingLabel() {
    String regex = QueryTemplate.podRegex(List.of());

    assertThat(regex).isEqualTo(QueryTemplate.NO_PODS).isNotEmpty();
    assertThat(promqlRegexMatches(regex, "")).isFalse();
    assertThat(promqlRegexMatches(regex, "web-1")).isFalse();
    // it is no DNS name, so no real pod can carry it
    assertThat(regex).doesNotMatch("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  }

  @Test
  void emptyCanaryListRendersTheNoPodsRegex() {
    QueryVariables none = new QueryVariables("shop", "checkout", List.of(), List.of(), "r");

    assertThat(QueryTemplate.render("x{pod=~\"${canaryPods}\"}", none)).isEqualTo("x{pod=~\"<no pods>\"}");
  }

  @Test
  void podListsAreSortedAndDeduplicatedSoEqualSetsGiveEqualQueries() {
    assertThat(QueryTemplate.podRegex(List.of("b", "a", "b"))).isEqualTo(QueryTemplate.podRegex(List.of("a", "b")))
        .isEqualTo("a|b");
  }

  @Test
  void unknownVariableIsAnErrorNamingIt() {
    assertThatThrownBy(() -> QueryTemplate.render("x{pod=~\"${canaryPod}\"}", VARS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("${canaryPod}")
        .hasMessageContaining("${canaryPods}");
  }

  @Test
  void doubledDollarWritesALiteralPlaceholder() {
    assertThat(QueryTemplate.render("label_replace(x, \"d\", \"$${name}\", \"s\", \"(?P<name>.*)\")", VARS))
        .isEqualTo("label_replace(x, \"d\", \"${name}\", \"s\", \"(?P<name>.*)\")");
  }

  @Test
  void numberedGroupReferencesAreLeftAlone() {
    assertThat(QueryTemplate.render("label_replace(x, \"d\", \"${1}-${namespace}\", \"s\", \"(.*)\")", VARS))
        .isEqualTo("label_replace(x, \"d\", \"${1}-shop\", \"s\", \"(.*)\")");
  }

  @Test
  void podNamesThatCannotBeEscapedSafelyAreRejected() {
    assertThatThrownBy(() -> QueryTemplate.podRegex(List.of("evil\"}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a pod name");
  }

  @Test
  void replacementValuesAreTakenLiterally() {
    QueryVariables dollar = new QueryVariables("ns$1", "t\\x", List.of(), List.of(), "r");

    assertThat(QueryTemplate.render("${namespace} ${target}", dollar)).isEqualTo("ns$1 t\\x");
  }
}
