package io.berth.core.scanner;

import io.berth.common.error.HarborException;
import io.berth.common.scan.AdapterMetadata;
import io.berth.common.scan.ScannerAdapter;
import io.berth.common.scan.ScannerAuth;
import io.berth.core.api.Page;
import io.berth.core.api.Paging;
import io.berth.core.api.Query;
import io.berth.core.audit.AuditLog;
import io.berth.core.project.Project;
import io.berth.core.secret.Secrets;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Scanner registrations (Harbor's {@code /scanners}): names and URLs unique, the access credential sealed at rest and
 * masked in every answer, one system default (the first registration becomes it; the default cannot be deleted nor
 * disabled), a project's own choice ({@code project_scanner}) or else the default, and the calls to the adapter that the
 * API makes itself: ping and metadata, within {@link ScannerAdapter#TIMEOUT}.
 */
@ApplicationScoped
public class ScannerService {
    static final String MASK = "*****";
    private static final Map<String, String> FIELDS = Map.of("name", "name", "description", "description", "url", "url");

    private final Secrets secrets;
    private final AuditLog audit;

    ScannerService(Secrets secrets, AuditLog audit) {
        this.secrets = secrets;
        this.audit = audit;
    }

    /** The registration; 404 if there is none. */
    public ScannerRegistration find(String uuid) {
        return HarborException.found(uuid == null ? null : ScannerRegistration.byUuid(uuid), "scanner registration " + uuid);
    }

    /** Registrations matching Harbor's {@code q} (name, description, url), by name; {@code enabledOnly} for a project's candidates. */
    public Page<ScannerJson> list(String q, Paging paging, boolean enabledOnly) {
        Map<String, Object> params = new HashMap<>();
        String where = Query.byName(q, FIELDS, null, params);
        if (enabledOnly) {
            where = "disabled = false and " + where;
        }
        return Page.of(ScannerRegistration.<ScannerRegistration>find(where, params), paging, ScannerJson::of);
    }

    @Transactional
    public ScannerRegistration create(ScannerRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw HarborException.badRequest("name is required");
        }
        if (request.url() == null) {
            throw HarborException.badRequest("url is required");
        }
        ScannerRegistration registration = new ScannerRegistration();
        registration.uuid = UUID.randomUUID().toString();
        apply(registration, request);
        requireUnique(registration);
        registration.isDefault = !registration.disabled && ScannerRegistration.defaultOne() == null;
        registration.persist();
        audit.success(null, registration.name, "scanner", "create");
        return registration;
    }

    /** Harbor's update: the fields given change, the others stay ({@value #MASK} keeps the stored credential). */
    @Transactional
    public void update(String uuid, ScannerRequest request) {
        ScannerRegistration registration = find(uuid);
        if (request == null) {
            throw HarborException.badRequest("a scanner registration is required");
        }
        apply(registration, request);
        if (registration.isDefault && registration.disabled) {
            throw HarborException.badRequest("the default scanner registration " + registration.name + " cannot be disabled; make another the default first");
        }
        requireUnique(registration);
        audit.success(null, registration.name, "scanner", "update");
    }

    /** Deletes a registration other than the default (403); projects that chose it fall back to the default. */
    @Transactional
    public ScannerJson delete(String uuid) {
        ScannerRegistration registration = find(uuid);
        if (registration.isDefault) {
            throw HarborException.forbidden("the scanner registration " + registration.name + " is the system default and cannot be deleted; "
                    + "make another the default first");
        }
        ScannerJson deleted = ScannerJson.of(registration);
        registration.delete();
        audit.success(null, registration.name, "scanner", "delete");
        return deleted;
    }

    /** Makes a registration the system default ({@code is_default: true}); false is refused, as there must be a default. */
    @Transactional
    public void setDefault(String uuid, Boolean isDefault) {
        ScannerRegistration registration = find(uuid);
        if (isDefault == null) {
            throw HarborException.badRequest("is_default is required");
        }
        if (!isDefault) {
            if (registration.isDefault) {
                throw HarborException.badRequest("a registration stops being the default only when another becomes it");
            }
            return;
        }
        if (registration.disabled) {
            throw HarborException.badRequest("the scanner registration " + registration.name + " is disabled and cannot be the default");
        }
        ScannerRegistration.update("isDefault = false where isDefault = true and uuid <> ?1", uuid);
        Panache.getEntityManager().flush();
        registration.isDefault = true;
        audit.success(null, registration.name, "scanner", "update");
    }

    /** The registration a project scans with: its own choice, else the system default; null if there is neither. */
    public ScannerRegistration ofProject(Project project) {
        ProjectScanner chosen = ProjectScanner.findById(project.id);
        if (chosen != null) {
            ScannerRegistration registration = ScannerRegistration.byUuid(chosen.registrationUuid);
            if (registration != null) {
                return registration;
            }
        }
        return ScannerRegistration.defaultOne();
    }

    /** Binds a project to a registration (not a disabled one). */
    @Transactional
    public void setForProject(Project project, String uuid) {
        if (uuid == null || uuid.isBlank()) {
            throw HarborException.badRequest("uuid is required: the scanner registration to use");
        }
        ScannerRegistration registration = find(uuid);
        if (registration.disabled) {
            throw HarborException.badRequest("the scanner registration " + registration.name + " is disabled");
        }
        ProjectScanner chosen = ProjectScanner.findById(project.id);
        if (chosen == null) {
            chosen = new ProjectScanner();
            chosen.projectId = project.id;
            chosen.registrationUuid = uuid;
            chosen.persist();
        } else {
            chosen.registrationUuid = uuid;
        }
        audit.success(project.name, registration.name, "scanner", "update");
    }

    /** The registration with {@code healthy}/{@code unhealthy} and its scanner's name, vendor and version as its adapter answers now. */
    public ScannerJson withHealth(ScannerRegistration registration) {
        try {
            AdapterMetadata.Scanner scanner = adapter(registration).metadata().scanner();
            return ScannerJson.of(registration).withHealth(scanner.name(), scanner.vendor(), scanner.version(), "healthy");
        } catch (IOException e) {
            return ScannerJson.of(registration).withHealth(null, null, null, "unhealthy");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarborException(503, "SERVICE_UNAVAILABLE", "interrupted");
        }
    }

    /** The adapter's metadata; 502 if it does not answer as the spec says. */
    public AdapterMetadata metadata(ScannerRegistration registration) {
        try {
            return adapter(registration).metadata();
        } catch (IOException e) {
            throw new HarborException(502, "BAD_GATEWAY", "scanner " + registration.name + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarborException(503, "SERVICE_UNAVAILABLE", "interrupted");
        }
    }

    /** Harbor's ping: the settings given are tried (nothing is stored); 400 if the adapter does not answer its metadata as the spec says. */
    public void ping(ScannerRequest request) {
        if (request == null || request.url() == null) {
            throw HarborException.badRequest("url is required");
        }
        ScannerRegistration candidate = new ScannerRegistration();
        apply(candidate, request);
        try {
            adapter(candidate).metadata();
        } catch (IOException e) {
            throw HarborException.badRequest("the scanner adapter does not answer as expected: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarborException(503, "SERVICE_UNAVAILABLE", "interrupted");
        }
    }

    ScannerAdapter adapter(ScannerRegistration r) {
        return new ScannerAdapter(r.url, ScannerAuth.of(r.auth), r.sealedCredential == null ? null : secrets.open(r.sealedCredential), r.skipCertVerify);
    }

    private void apply(ScannerRegistration registration, ScannerRequest request) {
        if (request.name() != null) {
            if (request.name().isBlank()) {
                throw HarborException.badRequest("name must not be blank");
            }
            registration.name = request.name().trim();
        }
        if (request.url() != null) {
            try {
                registration.url = ScannerAdapter.checkUrl(request.url()).replaceAll("/+$", "");
            } catch (IllegalArgumentException e) {
                throw HarborException.badRequest(e.getMessage());
            }
        }
        if (request.auth() != null) {
            try {
                registration.auth = ScannerAuth.of(request.auth()).harborName();
            } catch (IllegalArgumentException e) {
                throw HarborException.badRequest(e.getMessage());
            }
        }
        if (request.accessCredential() != null && !request.accessCredential().equals(MASK)) {
            registration.sealedCredential = request.accessCredential().isEmpty() ? null : secrets.seal(request.accessCredential());
        }
        if (ScannerAuth.of(registration.auth) == ScannerAuth.BASIC && registration.sealedCredential != null
                && !secrets.open(registration.sealedCredential).contains(":")) {
            throw HarborException.badRequest("auth Basic needs access_credential in the form user:password");
        }
        if (ScannerAuth.of(registration.auth) != ScannerAuth.NONE && registration.sealedCredential == null) {
            throw HarborException.badRequest("auth " + registration.auth + " needs an access_credential");
        }
        if (request.description() != null) {
            registration.description = request.description();
        }
        if (request.skipCertVerify() != null) {
            registration.skipCertVerify = request.skipCertVerify();
        }
        if (request.useInternalAddr() != null) {
            registration.useInternalAddr = request.useInternalAddr();
        }
        if (request.disabled() != null) {
            registration.disabled = request.disabled();
        }
    }

    private static void requireUnique(ScannerRegistration registration) {
        if (ScannerRegistration.count("name = ?1 and uuid <> ?2", registration.name, registration.uuid) > 0) {
            throw HarborException.conflict("a scanner registration named " + registration.name + " already exists");
        }
        if (ScannerRegistration.count("url = ?1 and uuid <> ?2", registration.url, registration.uuid) > 0) {
            throw HarborException.conflict("a scanner registration with the url " + registration.url + " already exists");
        }
    }
}
