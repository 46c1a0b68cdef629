package io.berth.scanner.sbom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.scanner.inventory.InstalledPackage;
import io.berth.scanner.inventory.Inventory;
import io.berth.scanner.report.ScannerInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The inventory as an SPDX 2.3 JSON document: the image is the described package, each found package an SPDX
 * package with its package URL as a {@code PACKAGE-MANAGER purl} external reference, contained by the image.
 */
public final class SpdxWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpdxWriter() {}

    public static ObjectNode write(Inventory inventory, ScannerInfo scanner) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("spdxVersion", "SPDX-2.3");
        doc.put("dataLicense", "CC0-1.0");
        doc.put("SPDXID", "SPDXRef-DOCUMENT");
        String imageName = inventory.image().repository() + "@" + inventory.image().digest();
        doc.put("name", imageName);
        doc.put("documentNamespace", "https://berth.invalid/spdx/" + inventory.image().repository() + "/"
                + inventory.image().digest().replace(':', '-') + "-" + UUID.randomUUID());
        ObjectNode creation = doc.putObject("creationInfo");
        creation.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        creation.putArray("creators").add("Tool: " + scanner.name() + "-" + scanner.version()).add("Organization: " + scanner.vendor());
        doc.putArray("documentDescribes").add("SPDXRef-Image");

        ArrayNode packages = doc.putArray("packages");
        ArrayNode relationships = doc.putArray("relationships");
        ObjectNode image = packages.addObject();
        image.put("SPDXID", "SPDXRef-Image");
        image.put("name", inventory.image().repository());
        image.put("versionInfo", inventory.image().digest());
        image.put("downloadLocation", "NOASSERTION");
        image.put("filesAnalyzed", false);
        image.put("primaryPackagePurpose", "CONTAINER");
        relationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image");
        if (inventory.os() != null) {
            ObjectNode os = packages.addObject();
            os.put("SPDXID", "SPDXRef-OperatingSystem");
            os.put("name", inventory.os().id());
            if (inventory.os().versionId() != null) {
                os.put("versionInfo", inventory.os().versionId());
            }
            os.put("downloadLocation", "NOASSERTION");
            os.put("filesAnalyzed", false);
            os.put("primaryPackagePurpose", "OPERATING_SYSTEM");
            relationship(relationships, "SPDXRef-Image", "CONTAINS", "SPDXRef-OperatingSystem");
        }
        int n = 0;
        for (InstalledPackage p : inventory.packages()) {
            String id = "SPDXRef-Package-" + (++n);
            ObjectNode pkg = packages.addObject();
            pkg.put("SPDXID", id);
            pkg.put("name", p.name());
            pkg.put("versionInfo", p.version());
            pkg.put("downloadLocation", "NOASSERTION");
            pkg.put("filesAnalyzed", false);
            pkg.put("primaryPackagePurpose", "LIBRARY");
            if (!p.sourceName().equals(p.name()) || !p.sourceVersion().equals(p.version())) {
                pkg.put("sourceInfo", "built from " + p.sourceName() + " " + p.sourceVersion());
            }
            pkg.put("comment", "found at " + p.path() + " (layer " + p.layerDigest() + ", ecosystem " + p.ecosystem() + ")");
            if (p.purl() != null) {
                ObjectNode ref = pkg.putArray("externalRefs").addObject();
                ref.put("referenceCategory", "PACKAGE-MANAGER");
                ref.put("referenceType", "purl");
                ref.put("referenceLocator", p.purl());
            }
            relationship(relationships, "SPDXRef-Image", "CONTAINS", id);
        }
        return doc;
    }

    private static void relationship(ArrayNode relationships, String from, String type, String to) {
        ObjectNode r = relationships.addObject();
        r.put("spdxElementId", from);
        r.put("relationshipType", type);
        r.put("relatedSpdxElement", to);
    }
}
