package io.berth.jobs.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.common.job.ReplicationRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Filters and namespace replacement of a policy, as Harbor defines them. */
class ReplicationPolicyTest {

    static ReplicationPolicy policy(String namespace, Integer replaceCount, ReplicationRequest.Filter... filters) {
        return new ReplicationPolicy(new ReplicationRequest(1, null, 2L, namespace, replaceCount, List.of(filters), true, 0, false,
                "MANUAL", null));
    }

    @Test
    void doublestarGlobsMatchAcrossPathComponentsAndSingleStarsWithin() {
        assertThat(Glob.matches("library/**", "library/team/app")).isTrue();
        assertThat(Glob.matches("library/*", "library/team/app")).isFalse();
        assertThat(Glob.matches("library/*", "library/app")).isTrue();
        assertThat(Glob.matches("**/nginx", "nginx")).isTrue();
        assertThat(Glob.matches("**/nginx", "a/b/nginx")).isTrue();
        assertThat(Glob.matches("**/nginx", "a/b/nginx-x")).isFalse();
        assertThat(Glob.matches("v1.{0,1}.?", "v1.1.7")).isTrue();
        assertThat(Glob.matches("v1.{0,1}.?", "v1.2.7")).isFalse();
        assertThat(Glob.matches("v[0-9]*", "v2-beta")).isTrue();
        assertThat(Glob.matches("v[!0-9]*", "v2-beta")).isFalse();
        assertThat(Glob.matches("v[!0-9]*", "vx")).isTrue();
        assertThat(Glob.matches("a.b", "axb")).as("dots are literal").isFalse();
        assertThatThrownBy(() -> Glob.compile("{a,b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Glob.compile("v[0-9")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyFilterMustLetARepositoryAndTagThrough() {
        ReplicationPolicy p = policy(null, null, new ReplicationRequest.Filter("name", "library/**", "matches"),
                new ReplicationRequest.Filter("tag", "*-rc*", "excludes"), new ReplicationRequest.Filter("tag", "v*", "matches"));
        assertThat(p.repositoryWanted("library/app")).isTrue();
        assertThat(p.repositoryWanted("other/app")).isFalse();
        assertThat(p.tagWanted("v1.0")).isTrue();
        assertThat(p.tagWanted("v1.0-rc1")).isFalse();
        assertThat(p.tagWanted("latest")).isFalse();
        assertThat(policy(null, null).tagWanted("anything")).isTrue();
    }

    @Test
    void theDestinationNamespaceReplacesAsManyComponentsAsAsked() {
        assertThat(policy(null, 1).destinationRepository("a/b/app")).isEqualTo("a/b/app");
        assertThat(policy("ns", 0).destinationRepository("a/b/app")).isEqualTo("ns/a/b/app");
        assertThat(policy("ns", 1).destinationRepository("a/b/app")).isEqualTo("ns/b/app");
        assertThat(policy("ns", 2).destinationRepository("a/b/app")).isEqualTo("ns/app");
        assertThat(policy("ns", 9).destinationRepository("a/b/app")).as("the last component always stays").isEqualTo("ns/app");
        assertThat(policy("ns", -1).destinationRepository("a/b/app")).as("legacy: the project is replaced").isEqualTo("ns/b/app");
        assertThat(policy("ns", null).destinationRepository("app")).isEqualTo("ns/app");
    }
}
