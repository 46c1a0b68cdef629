package io.berth.core.webhook;

import io.berth.common.config.DeploymentConfig;
import io.berth.common.event.RegistryEvent;
import io.berth.common.job.WebhookRequest;
import io.berth.common.webhook.WebhookPayloads;
import io.berth.core.jobs.Jobservice;
import io.berth.core.project.Project;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns registry events into webhook deliveries: for each event, every enabled policy of its project that subscribes
 * to its type gets one execution in jobservice, with one body per target rendered here (so retries resend the same
 * bytes and the event's own id). Auth headers and secrets stay sealed on their way.
 */
@ApplicationScoped
public class WebhookNotifier {
    private final Jobservice jobservice;
    private final String registryHost;

    WebhookNotifier(Jobservice jobservice, DeploymentConfig deployment) {
        this.jobservice = jobservice;
        URI external = URI.create(deployment.externalUrl());
        this.registryHost = external.getPort() < 0 ? external.getHost() : external.getHost() + ":" + external.getPort();
    }

    /** Sends jobservice the deliveries of these events; a failure of jobservice is thrown (the events are handled again). */
    public void notify(List<RegistryEvent> events) {
        List<WebhookRequest> requests = requests(events);
        if (!requests.isEmpty()) {
            jobservice.notify(requests);
        }
    }

    /** The deliveries these events make, per enabled subscribed policy of their projects. */
    public List<WebhookRequest> requests(List<RegistryEvent> events) {
        List<Subscriber> subscribers = subscribers(events.stream().map(RegistryEvent::project).collect(Collectors.toSet()));
        List<WebhookRequest> requests = new ArrayList<>();
        for (RegistryEvent e : events) {
            String type = e.type().name();
            for (Subscriber s : subscribers) {
                if (!s.project().name.equals(e.project()) || !s.policy().eventTypes.contains(type)) {
                    continue;
                }
                requests.add(request(s, new WebhookPayloads.Notification(type, e.occurredAt() == null ? Instant.now() : e.occurredAt(),
                        e.actor(), e.type() == RegistryEvent.Type.TAG_RETENTION ? WebhookPayloads.retentionEventData(e, registryHost)
                        : WebhookPayloads.artifactEventData(e, registryHost, s.project().isPublic()), e.id(), s.project().id,
                        s.policy().id)));
            }
        }
        return requests;
    }

    /** An enabled webhook policy and its project. */
    public record Subscriber(Project project, WebhookPolicy policy) {}

    /** The enabled webhook policies of these projects (by name), in the order of their ids. */
    public List<Subscriber> subscribers(Set<String> projects) {
        if (projects.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            Map<String, Project> byName = Project.<Project>list("name in ?1", projects).stream()
                    .collect(Collectors.toMap(p -> p.name, p -> p));
            if (byName.isEmpty()) {
                return List.<Subscriber>of();
            }
            Map<Long, Project> byId = byName.values().stream().collect(Collectors.toMap(p -> p.id, p -> p));
            return WebhookPolicy.<WebhookPolicy>list("enabled = true and projectId in ?1 order by id", byId.keySet()).stream()
                    .map(p -> new Subscriber(byId.get(p.projectId), p)).toList();
        });
    }

    /** The delivery of notification {@code n} to every target of the subscriber's policy, one body per target's format. */
    public WebhookRequest request(Subscriber s, WebhookPayloads.Notification n) {
        List<WebhookRequest.Delivery> deliveries = s.policy().targets.stream().map(t -> {
            WebhookPayloads.Body body = WebhookPayloads.render(t.payloadFormat(), n);
            return new WebhookRequest.Delivery(t.address(), t.authHeader(), Boolean.TRUE.equals(t.skipCertVerify()), t.payloadFormat(),
                    body.contentType(), body.text(), s.policy().secret);
        }).toList();
        return new WebhookRequest(s.policy().id, n.type(), n.eventId(), "EVENT", deliveries);
    }

    /** The registry's host (and port) as clients name it: Harbor's {@code harbor_hostname} and resource URLs. */
    public String registryHost() {
        return registryHost;
    }
}
