package io.berth.scanner.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.scanner.inventory.InstalledPackage;
import io.berth.scanner.inventory.Inventory;
import io.berth.scanner.report.ScannerInfo;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * The inventory as a CycloneDX 1.5 JSON BOM (cyclonedx-core-java): the image as the metadata's {@code container}
 * component, its OS as an {@code operating-system} component, each package a {@code library} with its package URL
 * (the bom-ref) and properties naming where it was found; the image depends on all of them.
 */
public final class CycloneDxWriter {
    private CycloneDxWriter() {}

    public static JsonNode write(Inventory inventory, ScannerInfo scanner) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        bom.setVersion(1);
        Metadata metadata = new Metadata();
        metadata.setTimestamp(new Date());
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName(scanner.name());
        tool.setVersion(scanner.version());
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        Component image = new Component();
        image.setType(Component.Type.CONTAINER);
        image.setBomRef(inventory.image().repository() + "@" + inventory.image().digest());
        image.setName(inventory.image().repository());
        image.setVersion(inventory.image().digest());
        metadata.setComponent(image);
        bom.setMetadata(metadata);

        List<Component> components = new ArrayList<>();
        Dependency imageDependsOn = new Dependency(image.getBomRef());
        if (inventory.os() != null) {
            Component os = new Component();
            os.setType(Component.Type.OPERATING_SYSTEM);
            os.setBomRef("os:" + inventory.os().id() + "@" + inventory.os().versionId());
            os.setName(inventory.os().id());
            os.setVersion(inventory.os().versionId());
            components.add(os);
            imageDependsOn.addDependency(new Dependency(os.getBomRef()));
        }
        int n = 0;
        for (InstalledPackage p : inventory.packages()) {
            Component c = new Component();
            c.setType(Component.Type.LIBRARY);
            c.setBomRef(p.purl() != null ? p.purl() : "package-" + n);
            n++;
            int colon = p.name().indexOf(':');
            if ("Maven".equals(p.ecosystem()) && colon > 0) {
                c.setGroup(p.name().substring(0, colon));
                c.setName(p.name().substring(colon + 1));
            } else {
                c.setName(p.name());
            }
            c.setVersion(p.version());
            if (p.purl() != null) {
                c.setPurl(p.purl());
            }
            List<Property> properties = new ArrayList<>();
            properties.add(property("berth:ecosystem", p.ecosystem()));
            if (!p.sourceName().equals(p.name()) || !p.sourceVersion().equals(p.version())) {
                properties.add(property("berth:source_name", p.sourceName()));
                properties.add(property("berth:source_version", p.sourceVersion()));
            }
            properties.add(property("berth:path", p.path()));
            properties.add(property("berth:layer_digest", p.layerDigest()));
            c.setProperties(properties);
            components.add(c);
            imageDependsOn.addDependency(new Dependency(c.getBomRef()));
        }
        bom.setComponents(components);
        bom.setDependencies(List.of(imageDependsOn));
        return BomGeneratorFactory.createJson(Version.VERSION_15, bom).toJsonNode();
    }

    private static Property property(String name, String value) {
        Property p = new Property();
        p.setName(name);
        p.setValue(value);
        return p;
    }
}
