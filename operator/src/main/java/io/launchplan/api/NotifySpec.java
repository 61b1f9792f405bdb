package io.launchplan.api;

import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Who hears about the launch: webhooks told of start, promotion, pause, freeze, revert and success. */
public class NotifySpec {
  @Size(max = 10)
  private List<WebhookSpec> webhooks;

  public List<WebhookSpec> getWebhooks() { return webhooks; }
  public void setWebhooks(List<WebhookSpec> webhooks) { this.webhooks = webhooks; }

  public List<WebhookSpec> webhooksOrEmpty() { return webhooks != null ? webhooks : List.of(); }
}
