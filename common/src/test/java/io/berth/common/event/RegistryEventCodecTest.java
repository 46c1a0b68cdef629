package io.berth.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What registry-service writes of an event is what every consumer reads. */
class RegistryEventCodecTest {
    @Test
    void anEventCrossesTheStreamIntact() {
        RegistryEvent event = new RegistryEvent("e-1", RegistryEvent.Type.PUSH_ARTIFACT, "library/app", "library",
                "sha256:" + "a".repeat(64), List.of("v1", "latest"), "application/vnd.oci.image.manifest.v1+json", 1234,
                "admin", Instant.parse("2026-12-06T21:09:15.123456Z"), "req-1");
        String json = RegistryEventCodec.encode(event);
        assertThat(json).contains("\"occurredAt\":\"2026-12-06T21:09:15.123456Z\"").contains("\"type\":\"PUSH_ARTIFACT\"");
        assertThat(RegistryEventCodec.decode(json)).isEqualTo(event);
    }

    @Test
    void aQuotaEventCarriesItsDetails() {
        RegistryEvent event = new RegistryEvent("e-3", RegistryEvent.Type.QUOTA_EXCEED, "team/app", "team", "sha256:" + "b".repeat(64),
                List.of(), "application/octet-stream", 2048, "alice", Instant.parse("2026-12-07T10:00:00Z"), "req-3",
                "adding 2.0 KiB of storage resource, which when updated to current usage of 9.0 KiB will exceed the configured "
                        + "upper limit of 10.0 KiB.");
        RegistryEvent read = RegistryEventCodec.decode(RegistryEventCodec.encode(event));
        assertThat(read).isEqualTo(event);
        assertThat(read.type().isQuota()).isTrue();
        assertThat(RegistryEvent.Type.PUSH_ARTIFACT.isQuota()).isFalse();
    }

    @Test
    void aNewerRegistrysFieldsAreIgnoredAndAPayloadThatIsNoEventIsRefused() {
        String newer = "{\"id\":\"e-2\",\"type\":\"DELETE_ARTIFACT\",\"repository\":\"p/r\",\"project\":\"p\",\"tags\":[],"
                + "\"occurredAt\":\"2026-12-06T00:00:00Z\",\"somethingNew\":42}";
        assertThat(RegistryEventCodec.decode(newer).type()).isEqualTo(RegistryEvent.Type.DELETE_ARTIFACT);
        assertThatThrownBy(() -> RegistryEventCodec.decode("{\"hello\":1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegistryEventCodec.decode("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
