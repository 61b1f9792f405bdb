package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** One requirement of a {@link PolicySelector}: {@code key In (values)}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(self.operator == 'In' || self.operator == 'NotIn') == (has(self.values) && size(self.values) > 0)",
    message = "In and NotIn need values; Exists and DoesNotExist take none")
public class SelectorRequirement {
  /** The operators of Kubernetes label selectors. */
  public enum Operator { In, NotIn, Exists, DoesNotExist }

  @Required
  @Size(min = 1, max = 317)
  private String key;

  @Required
  private Operator operator;

  @Size(max = 64)
  private List<@Size(max = 63) String> values;

  public String getKey() { return key; }
  public void setKey(String key) { this.key = key; }
  public Operator getOperator() { return operator; }
  public void setOperator(Operator operator) { this.operator = operator; }
  public List<String> getValues() { return values; }
  public void setValues(List<String> values) { this.values = values; }

  public List<String> valuesOrEmpty() { return values != null ? values : List.of(); }
}
