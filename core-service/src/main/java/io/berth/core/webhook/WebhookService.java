package io.berth.core.webhook;

import io.berth.common.error.HarborException;
import io.berth.common.event.RegistryEvent;
import io.berth.common.webhook.WebhookPayloads;
import io.berth.common.webhook.WebhookSignature;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.audit.AuditLog;
import io.berth.core.identity.CurrentCaller;
import io.berth.core.project.Project;
import io.berth.core.secret.Secrets;
import io.berth.core.webhook.WebhookPolicy.Target;
import io.berth.core.webhook.WebhookPolicy.View;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Harbor's webhook policies of a project: validated (addresses, notify types, payload formats, event types Berth
 * emits), named uniquely in their project, their auth headers and signing secret sealed at rest. Each change is audited.
 */
@ApplicationScoped
public class WebhookService {
    public static final String HTTP = "http";
    public static final String SLACK = "slack";

    private final AuditLog audit;
    private final Secrets secrets;
    private final CurrentCaller caller;

    WebhookService(AuditLog audit, Secrets secrets, CurrentCaller caller) {
        this.audit = audit;
        this.secrets = secrets;
        this.caller = caller;
    }

    /**
     * The event types Berth emits, as Harbor's API names them: the registry events it records, by name, and the end of a
     * replication execution ({@link ReplicationWebhooks}) and the end of a scan ({@link ScanWebhooks}).
     */
    public static List<String> eventTypes() {
        List<String> types = new ArrayList<>(Arrays.stream(RegistryEvent.Type.values()).map(Enum::name).toList());
        types.add(ReplicationWebhooks.TYPE);
        types.addAll(ScanWebhooks.TYPES);
        return types;
    }

    /** Harbor's {@code SupportedWebhookEventTypes}: event types, notify types and the payload formats of each. */
    public Map<String, Object> supported() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("event_type", eventTypes());
        answer.put("notify_type", List.of(HTTP, SLACK));
        answer.put("payload_formats", List.of(
                Map.of("notify_type", HTTP, "formats", List.of(WebhookPayloads.DEFAULT, WebhookPayloads.CLOUD_EVENTS)),
                Map.of("notify_type", SLACK, "formats", List.of(WebhookPayloads.SLACK))));
        return answer;
    }

    public Page<View> list(Project project, Paging paging) {
        return Page.of(WebhookPolicy.<WebhookPolicy>find("projectId = ?1 order by id", project.id), paging, p -> view(p, null));
    }

    public View get(Project project, long id) {
        return view(policy(project, id), null);
    }

    /** Creates a policy with a new signing secret; the answer carries that secret, the one time it is shown. */
    @Transactional
    public View create(Project project, View request) {
        if (request == null) {
            throw HarborException.badRequest("a webhook policy is required");
        }
        WebhookPolicy policy = new WebhookPolicy();
        policy.projectId = project.id;
        policy.creator = caller.get().name();
        apply(project, policy, request, true);
        String secret = WebhookSignature.newSecret();
        policy.secret = secrets.seal(secret);
        policy.persist();
        audit.success(project.name, "webhook policy " + policy.name, "notification_policy", "create");
        return view(policy, secret);
    }

    /** Replaces what the request gives (Harbor's portal sends the whole policy; a body with only {@code enabled} switches it). */
    @Transactional
    public void update(Project project, long id, View request) {
        if (request == null) {
            throw HarborException.badRequest("a webhook policy is required");
        }
        WebhookPolicy policy = policy(project, id);
        apply(project, policy, request, false);
        audit.success(project.name, "webhook policy " + policy.name, "notification_policy", "update");
    }

    @Transactional
    public void delete(Project project, long id) {
        WebhookPolicy policy = policy(project, id);
        policy.delete();
        audit.success(project.name, "webhook policy " + policy.name, "notification_policy", "delete");
    }

    /** The policy of that project, or 404. */
    public WebhookPolicy policy(Project project, long id) {
        WebhookPolicy policy = WebhookPolicy.findById(id);
        if (policy == null || policy.projectId != project.id) {
            throw HarborException.notFound("webhook policy " + id + " not found in " + project.name);
        }
        return policy;
    }

    private void apply(Project project, WebhookPolicy policy, View request, boolean creating) {
        if (creating || request.name() != null) {
            String name = request.name() == null ? "" : request.name().trim();
            if (name.isEmpty() || name.length() > 256) {
                throw HarborException.badRequest("name is required (at most 256 characters)");
            }
            if (WebhookPolicy.count("projectId = ?1 and name = ?2 and id <> ?3", project.id, name, policy.id == null ? -1L : policy.id) > 0) {
                throw HarborException.conflict("a webhook policy named '" + name + "' exists in " + project.name);
            }
            policy.name = name;
        }
        if (request.description() != null) {
            policy.description = request.description();
        }
        if (creating || request.targets() != null) {
            policy.targets = targets(request.targets());
        }
        if (creating || request.eventTypes() != null) {
            policy.eventTypes = eventTypes(request.eventTypes());
        }
        if (request.enabled() != null) {
            policy.enabled = request.enabled();
        }
    }

    private List<Target> targets(List<Target> requested) {
        if (requested == null || requested.isEmpty()) {
            throw HarborException.badRequest("targets must have at least one target");
        }
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            Target t = requested.get(i);
            String where = "targets[" + i + "]";
            if (t == null) {
                throw HarborException.badRequest(where + " is empty");
            }
            String format = t.payloadFormat() == null || t.payloadFormat().isEmpty() ? null : t.payloadFormat();
            String type = t.type() == null || t.type().isEmpty() ? (WebhookPayloads.SLACK.equals(format) ? SLACK : HTTP) : t.type();
            if (!HTTP.equals(type) && !SLACK.equals(type)) {
                throw HarborException.badRequest(where + ".type '" + type + "' is unknown: http or slack");
            }
            if (format == null || (SLACK.equals(type) && WebhookPayloads.DEFAULT.equals(format))) {
                format = SLACK.equals(type) ? WebhookPayloads.SLACK : WebhookPayloads.DEFAULT;
            }
            if (!WebhookPayloads.FORMATS.contains(format)) {
                throw HarborException.badRequest(where + ".payload_format '" + format + "' is unknown: one of " + WebhookPayloads.FORMATS);
            }
            if (SLACK.equals(type) != WebhookPayloads.SLACK.equals(format)) {
                throw HarborException.badRequest(where + ": payload_format Slack goes with type slack, and only it");
            }
            targets.add(new Target(type, address(where, t.address()), t.authHeader() == null || t.authHeader().isEmpty() ? null
                    : secrets.seal(t.authHeader()), Boolean.TRUE.equals(t.skipCertVerify()), format));
        }
        return targets;
    }

    private static String address(String where, String address) {
        try {
            URI uri = new URI(address == null ? "" : address.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null || uri.getUserInfo() != null) {
                throw HarborException.badRequest(where + ".address must be an http:// or https:// URL with a host, not '" + address + "'");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw HarborException.badRequest(where + ".address is not a URL: " + e.getMessage());
        }
    }

    private static List<String> eventTypes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw HarborException.badRequest("event_types must name at least one event type: " + eventTypes());
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : requested) {
            if (!eventTypes().contains(type)) {
                throw HarborException.badRequest("unknown event type '" + type + "': one of " + eventTypes());
            }
            types.add(type);
        }
        return new ArrayList<>(types);
    }

    private View view(WebhookPolicy p, String secret) {
        List<Target> targets = p.targets.stream().map(t -> new Target(t.type(), t.address(), t.authHeader() == null ? "" : secrets.open(t.authHeader()),
                t.skipCertVerify(), t.payloadFormat())).toList();
        return new View(p.id, p.name, p.description, p.projectId, targets, p.eventTypes, p.creator, p.creationTime, p.updateTime, p.enabled,
                secret);
    }
}
