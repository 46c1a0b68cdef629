package io.berth.core.auditlog;

import static io.berth.core.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.core.api.Paging;
import io.berth.core.audit.AuditLog;
import io.berth.core.auditlog.AuditLogService.AuditView;
import io.berth.core.identity.Caller;
import io.berth.core.project.Project;
import io.berth.core.rbac.Role;
import io.berth.core.testing.Callers;
import io.berth.core.testing.CoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit log as it is read: newest first, and only the lines of projects whose logs the reader may read. */
@QuarkusTest
@QuarkusTestResource(CoreTestResource.class)
class AuditLogServiceTest {
    @Inject
    AuditLogService logs;

    @Inject
    AuditLog audit;

    @Test
    void aReaderSeesTheLinesOfTheProjectsWhoseLogsTheyMayRead() {
        Caller guest = Callers.user(unique("reader"));
        Caller limited = Callers.user(unique("limited"));
        Project readable = Callers.project(unique("seen"), false, Map.of(guest, Role.GUEST, limited, Role.LIMITED_GUEST));
        Project unreadable = Callers.project(unique("unseen"), false, Map.of());
        Callers.actAs(Callers.admin());
        audit.success(readable.name, "first", "artifact", "create");
        audit.success(readable.name, "second", "artifact", "delete");
        audit.success(unreadable.name, "hidden", "artifact", "create");

        String q = "resource={first second hidden}";
        assertThat(logs.all(q, guest, Paging.of(1, 10)).items()).extracting(AuditView::resource).containsExactly("second", "first");
        assertThat(logs.all(q, limited, Paging.of(1, 10)).total()).isZero();
        assertThat(logs.all(q, Callers.admin(), Paging.of(1, 10)).total()).isEqualTo(3);
        AuditView line = logs.of(readable, "operation=delete", Paging.of(1, 10)).items().get(0);
        assertThat(line.username()).isEqualTo("admin");
        assertThat(line.clientIp()).isEqualTo(Callers.ADDRESS);
        assertThat(line.result()).isEqualTo("success");
    }
}
