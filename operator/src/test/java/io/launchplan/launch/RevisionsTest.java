package io.launchplan.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Revisions name templates: the same template always, a different one never, the same name. */
class RevisionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode parse(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void keyOrderDoesNotChangeTheHash() throws Exception {
    JsonNode a = parse("""
        {"metadata": {"annotations": {"x": "1", "y": "2"}},
         "spec": {"containers": [{"name": "app", "image": "checkout:2.4.1", "env": [{"name": "A", "value": "1"}]}]}}""");
    JsonNode b = parse("""
        {"spec": {"containers": [{"env": [{"value": "1", "name": "A"}], "image": "checkout:2.4.1", "name": "app"}]},
         "metadata": {"annotations": {"y": "2", "x": "1"}}}""");

    assertThat(Revisions.templateHash(a)).isEqualTo(Revisions.templateHash(b));
  }

  @Test
  void mapAndJsonTreeOfTheSameTemplateHashAlike() throws Exception {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "app");
    container.put("image", "checkout:2.4.1");
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("spec", Map.of("containers", List.of(container)));

    JsonNode tree = parse("{\"spec\": {\"containers\": [{\"image\": \"checkout:2.4.1\", \"name\": \"app\"}]}}");

    assertThat(Revisions.templateHash(template)).isEqualTo(Revisions.templateHash(tree));
    assertThat(Revisions.hashJson(tree.toString())).isEqualTo(Revisions.templateHash(tree));
  }

  @Test
  void differentTemplatesDiffer() throws Exception {
    String image241 = Revisions.templateHash(parse("{\"spec\": {\"containers\": [{\"name\": \"app\", \"image\": \"c:2.4.1\"}]}}"));
    String image242 = Revisions.templateHash(parse("{\"spec\": {\"containers\": [{\"name\": \"app\", \"image\": \"c:2.4.2\"}]}}"));
    String annotated = Revisions.templateHash(parse(
        "{\"metadata\": {\"annotations\": {\"team/release\": \"2.4.1\"}}, \"spec\": {\"containers\": [{\"name\": \"app\", \"image\": \"c:2.4.1\"}]}}"));

    assertThat(image241).isNotEqualTo(image242).isNotEqualTo(annotated);
    assertThat(image242).isNotEqualTo(annotated);
  }

  @Test
  void hashIsTenHexDigits() throws Exception {
    assertThat(Revisions.templateHash(parse("{}"))).matches("[0-9a-f]{10}");
  }
}
