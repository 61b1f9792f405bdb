package io.launchplan.plugin;

import static io.launchplan.plugin.Fixtures.entry;
import static io.launchplan.plugin.Fixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.Phase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostmortemStanzaTest {
  private static LaunchPlan reverted() {
    LaunchPlan p = plan("checkout", Phase.Reverted, "Aborted", "the target is back on stable revision 9a1b2c3d4e");
    p.getStatus().setLastRevertedRevision("5d8c7f9b1a");
    p.getStatus().setHistory(List.of(
        entry(Phase.Canary, "LaunchStarted", "launching", "2026-12-01T11:58:00.120Z"),
        entry(Phase.Reverting, "Aborted", "aborted by \"p99 doubled\" (set by kubectl-launchplan)", "2026-12-01T11:59:00.500Z"),
        entry(Phase.Reverted, "Aborted", "the target is back on stable revision 9a1b2c3d4e", "2026-12-01T11:59:02.000Z")));
    return p;
  }

  @Test
  void theStanzaNamesTheRevertedRevisionAndTheRevertThatOwesIt() {
    String yaml = PostmortemStanza.of(reverted(), "5d8c7f9b1a", "a bad cache key", null, null);
    assertThat(yaml).isEqualTo("""
        # shop/checkout: revision 5d8c7f9b1a was reverted at 2026-12-01T11:59:00Z (Aborted)
        # aborted by "p99 doubled" (set by kubectl-launchplan)
        spec:
          postmortem:
            revision: "5d8c7f9b1a"
            cause: "a bad cache key"
            impact: "TODO: who or what was affected, for how long"
            fix: "TODO: what changes before the next revision"
        """);
    // it is YAML that reads back as the spec stanza
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> doc = Serialization.unmarshal(yaml, Map.class);
    LaunchPlanSpec spec = Serialization.unmarshal(Serialization.asJson(doc.get("spec")), LaunchPlanSpec.class);
    assertThat(spec.getPostmortem().getRevision()).isEqualTo("5d8c7f9b1a");
  }

  @Test
  void nothingIsOwedBeforeARevertOrOnceAccepted() {
    assertThat(PostmortemStanza.owed(plan("checkout", Phase.Succeeded, "Verified", ""))).isNull();
    LaunchPlan p = reverted();
    assertThat(PostmortemStanza.owed(p)).isEqualTo("5d8c7f9b1a");
    p.getStatus().setPostmortemAcceptedFor("5d8c7f9b1a");
    assertThat(PostmortemStanza.owed(p)).isNull();
  }

  @Test
  void thePatchIsJsonWithTheTextsEscaped() {
    String patch = PostmortemStanza.patch("5d8c7f9b1a", "said \"no\"\nthen", "none", "fix\\it");
    assertThat(patch).isEqualTo("{\"spec\":{\"postmortem\":{\"revision\":\"5d8c7f9b1a\",\"cause\":\"said \\\"no\\\"\\nthen\","
        + "\"impact\":\"none\",\"fix\":\"fix\\\\it\"}}}");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Map<String, String>>> parsed = Serialization.unmarshal(patch, Map.class);
    assertThat(parsed.get("spec").get("postmortem").get("cause")).isEqualTo("said \"no\"\nthen");
  }
}
